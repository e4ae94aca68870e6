using System.Text.Json.Serialization.Metadata;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Events;

/// <summary>Fans an event out to the gateway's connections.</summary>
public interface IGatewayEventBroadcaster
{
    /// <summary>
    /// Queues the event to every authenticated connection allowed to see it (scope guard from the event name, spec §5).
    /// Never blocks: a connection whose send buffer is full drops <paramref name="dropIfSlow"/> events (its seq still
    /// advances, so the client sees the gap) and is closed 1008 "slow consumer" for anything else.
    /// </summary>
    void Broadcast<T>(string eventName, T payload, JsonTypeInfo<T> typeInfo, bool dropIfSlow = false, GatewayStateVersion? stateVersion = null);

    /// <summary>As <see cref="Broadcast{T}(string, T, JsonTypeInfo{T}, bool, GatewayStateVersion?)"/>, to the admitted connections that <paramref name="audience"/> also admits.</summary>
    void Broadcast<T>(string eventName, T payload, JsonTypeInfo<T> typeInfo, IEventAudience audience, bool dropIfSlow = false);
}
