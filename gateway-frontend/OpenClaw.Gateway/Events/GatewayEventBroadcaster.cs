using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Events;

/// <summary>
/// Serializes the payload once and queues it to every authenticated connection the scope guard admits. Each
/// connection numbers the event with its own seq. Session-scoped delivery (clients with the
/// <c>session-scoped-events</c> cap) is decided by <see cref="ShouldDeliver"/>, the single place that will consult
/// subscriptions once <c>sessions.messages.subscribe</c> exists; today every admitted connection gets the event.
/// </summary>
internal sealed class GatewayEventBroadcaster(ConnectionRegistry connections) : IGatewayEventBroadcaster
{
    public void Broadcast<T>(string eventName, T payload, JsonTypeInfo<T> typeInfo, bool dropIfSlow = false, GatewayStateVersion? stateVersion = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var payloadJson = JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
        foreach (var connection in connections.Snapshot())
        {
            if (connection.Principal is { } principal && !connection.IsClosing && ShouldDeliver(connection, eventName) &&
                EventScopeGuard.CanReceive(principal, eventName))
            {
                connection.SendEvent(eventName, payloadJson, dropIfSlow, stateVersion);
            }
        }
    }

    private static bool ShouldDeliver(GatewayConnection connection, string eventName) => true;
}
