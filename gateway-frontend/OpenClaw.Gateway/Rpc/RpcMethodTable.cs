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
    public void Map<TParams, TResult>(
        string method,
        string scope,
        JsonTypeInfo<TParams> paramsInfo,
        JsonTypeInfo<TResult> resultInfo,
        RpcHandler<TParams, TResult> handler)
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

        _methods[method] = new RpcMethodDescriptor(method, scope, InvokeAsync);
        _names.Add(method);

        async Task<byte[]> InvokeAsync(JsonElement? rawParams, RpcContext context, CancellationToken cancellationToken)
        {
            var request = RpcParamsBinder.Bind(method, rawParams, paramsInfo);
            var result = await handler(request, context, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.SerializeToUtf8Bytes(result, resultInfo);
        }
    }

    internal bool TryGet(string method, out RpcMethodDescriptor descriptor) =>
        _methods.TryGetValue(method, out descriptor!);
}

/// <summary>One mapped method: its required scope and a typed invoker that returns the serialized result.</summary>
internal sealed record RpcMethodDescriptor(
    string Name,
    string Scope,
    Func<JsonElement?, RpcContext, CancellationToken, Task<byte[]>> InvokeAsync);
