using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenClaw.Gateway.Auth;

namespace OpenClaw.Gateway.Rpc;

/// <summary>The caller of one request: connection, request id and principal. No grain or session state lives here.</summary>
public sealed class RpcContext(string connectionId, string requestId, ConnectionPrincipal principal)
{
    public string ConnectionId { get; } = connectionId;
    public string RequestId { get; } = requestId;
    public ConnectionPrincipal Principal { get; } = principal;

    /// <summary>Set by the connection so a handler can answer twice (openclaw's <c>agent</c> sends "accepted" first).</summary>
    internal Func<ReadOnlyMemory<byte>, bool>? InterimSink { get; init; }

    /// <summary>
    /// Sends an extra <c>ok</c> response with this request's id before the final one. Returns false when the
    /// connection is gone (or in unit tests without a connection).
    /// </summary>
    public bool SendInterimResponse<T>(T payload, JsonTypeInfo<T> typeInfo) =>
        InterimSink?.Invoke(JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo)) ?? false;
}
