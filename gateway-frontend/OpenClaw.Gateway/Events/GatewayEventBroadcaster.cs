using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Events;

/// <summary>
/// Serializes the payload once and queues it to every authenticated connection the scope guard admits (and the
/// event's <see cref="IEventAudience"/>, when it has one: session scoping lives there). Each connection numbers the
/// event with its own seq.
/// </summary>
internal sealed class GatewayEventBroadcaster(ConnectionRegistry connections) : IGatewayEventBroadcaster
{
    public void Broadcast<T>(string eventName, T payload, JsonTypeInfo<T> typeInfo, bool dropIfSlow = false, GatewayStateVersion? stateVersion = null) =>
        Send(eventName, payload, typeInfo, audience: null, dropIfSlow, stateVersion);

    public void Broadcast<T>(string eventName, T payload, JsonTypeInfo<T> typeInfo, IEventAudience audience, bool dropIfSlow = false)
    {
        ArgumentNullException.ThrowIfNull(audience);
        Send(eventName, payload, typeInfo, audience, dropIfSlow, stateVersion: null);
    }

    private void Send<T>(string eventName, T payload, JsonTypeInfo<T> typeInfo, IEventAudience? audience, bool dropIfSlow, GatewayStateVersion? stateVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        ArgumentNullException.ThrowIfNull(typeInfo);
        byte[]? payloadJson = null; // serialized on the first recipient: an event nobody may see costs nothing
        foreach (var connection in connections.Snapshot())
        {
            if (connection.Principal is { } principal && !connection.IsClosing &&
                EventScopeGuard.CanReceive(principal, eventName) &&
                (audience is null || audience.Admits(connection.Id, principal)))
            {
                payloadJson ??= JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
                connection.SendEvent(eventName, payloadJson, dropIfSlow, stateVersion);
            }
        }
    }
}
