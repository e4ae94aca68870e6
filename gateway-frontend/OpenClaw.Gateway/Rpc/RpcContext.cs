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

    private int _holdingEvents;

    /// <summary>
    /// Set by the connection so a handler can answer twice (openclaw's <c>agent</c> sends "accepted" first) and hold its
    /// events (see <see cref="HoldEventsUntilFirstResponse"/>); null in unit tests without a connection.
    /// </summary>
    internal IRpcConnectionSink? Sink { get; init; }

    internal bool IsHoldingEvents => Volatile.Read(ref _holdingEvents) == 1;

    /// <summary>
    /// Keeps this connection's events back until the first response to this request is queued, so the events of a
    /// run this request starts cannot arrive before the response that names the run.
    /// </summary>
    public void HoldEventsUntilFirstResponse()
    {
        if (Interlocked.Exchange(ref _holdingEvents, 1) == 0) Sink?.HoldEvents();
    }

    internal void ReleaseHeldEvents()
    {
        if (Interlocked.Exchange(ref _holdingEvents, 0) == 1) Sink?.ReleaseEvents();
    }

    /// <summary>
    /// Sends an extra <c>ok</c> response with this request's id before the final one. Returns false when the
    /// connection is gone (or in unit tests without a connection).
    /// </summary>
    public bool SendInterimResponse<T>(T payload, JsonTypeInfo<T> typeInfo)
    {
        var sent = Sink?.SendInterimResponse(RequestId, JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo)) ?? false;
        ReleaseHeldEvents();
        return sent;
    }
}
