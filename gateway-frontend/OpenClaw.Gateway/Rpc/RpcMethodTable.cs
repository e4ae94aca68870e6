using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenClaw.Gateway.Rpc;

/// <summary>
/// Every RPC method by name, built once at startup from the registered <see cref="IRpcMethodGroup"/>s (SignalR's
/// method discovery). Binding, validation and result serialization happen here, not in handlers.
/// </summary>
public sealed class RpcMethodTable
{
    private readonly Dictionary<string, RpcMethodDescriptor> _methods = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public RpcMethodTable()
    {
    }

    public RpcMethodTable(IEnumerable<IRpcMethodGroup> groups)
    {
        foreach (var group in groups)
        {
            group.Map(this);
        }
    }

    /// <summary>Names in registration order: what <c>hello-ok.features.methods</c> advertises.</summary>
    public IReadOnlyList<string> MethodNames => _names;

    /// <param name="scope">An <see cref="Protocol.OperatorScopes"/> value, <see cref="RpcScopes.Open"/> or <see cref="RpcScopes.Node"/>.</param>
    /// <param name="sharedResult">
    /// True when the handler returns shared instances that never change once returned (a cached snapshot such as
    /// <c>health</c>): the bytes serialized for an instance are then reused for as long as the handler returns that
    /// same instance, instead of serializing it again for every request.
    /// </param>
    public void Map<TParams, TResult>(
        string method,
        string scope,
        JsonTypeInfo<TParams> paramsInfo,
        JsonTypeInfo<TResult> resultInfo,
        RpcHandler<TParams, TResult> handler,
        bool sharedResult = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentNullException.ThrowIfNull(paramsInfo);
        ArgumentNullException.ThrowIfNull(resultInfo);
        ArgumentNullException.ThrowIfNull(handler);
        if (_methods.ContainsKey(method))
        {
            throw new InvalidOperationException($"RPC method '{method}' is mapped twice; each method belongs to exactly one IRpcMethodGroup.");
        }

        var lastSerialized = sharedResult ? new SerializedResultCache() : null;
        var createEmpty = EmptyParamsFactory.For(paramsInfo);
        _methods[method] = new RpcMethodDescriptor(method, scope, InvokeAsync);
        _names.Add(method);

        async ValueTask<byte[]> InvokeAsync(JsonElement? rawParams, RpcContext context, CancellationToken cancellationToken)
        {
            var request = RpcParamsBinder.Bind(method, rawParams, paramsInfo, createEmpty);
            var result = await handler(request, context, cancellationToken).ConfigureAwait(false);
            if (lastSerialized is null || result is null)
            {
                return JsonSerializer.SerializeToUtf8Bytes(result, resultInfo);
            }

            return lastSerialized.GetOrSerialize(result, static (value, info) => JsonSerializer.SerializeToUtf8Bytes((TResult)value, (JsonTypeInfo<TResult>)info), resultInfo);
        }
    }

    internal bool TryGet(string method, out RpcMethodDescriptor descriptor) =>
        _methods.TryGetValue(method, out descriptor!);
}

/// <summary>One mapped method: its required scope and a typed invoker that returns the serialized result.</summary>
internal sealed record RpcMethodDescriptor(
    string Name,
    string Scope,
    Func<JsonElement?, RpcContext, CancellationToken, ValueTask<byte[]>> InvokeAsync);
