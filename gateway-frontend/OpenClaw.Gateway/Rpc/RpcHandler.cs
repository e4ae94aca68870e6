namespace OpenClaw.Gateway.Rpc;

/// <summary>A typed method handler: params already bound and validated; throws <see cref="RpcException"/> for expected failures.</summary>
public delegate Task<TResult> RpcHandler<TParams, TResult>(TParams request, RpcContext context, CancellationToken cancellationToken);
