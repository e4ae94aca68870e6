using System.Collections.Concurrent;

namespace OpenClaw.Gateway.Connections;

/// <summary>The authenticated connections of this gateway instance (those past hello), for fan-out and shutdown.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, GatewayConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Add(GatewayConnection connection) => _connections[connection.Id] = connection;

    public bool Remove(GatewayConnection connection) => _connections.TryRemove(connection.Id, out _);

    /// <summary>A moment-in-time view; connections may close while it is enumerated (sends to them are no-ops).</summary>
    public ICollection<GatewayConnection> Snapshot() => _connections.Values;
}
