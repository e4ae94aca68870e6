using System.Collections.Concurrent;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Rpc;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Events.SessionEvents;

/// <summary>
/// Per-connection session subscriptions of this front node: the sessions a connection follows
/// (<c>sessions.messages.subscribe</c>, or a run it started) and whether it wants <c>sessions.changed</c>
/// (<c>sessions.subscribe</c>). Connection state only; nothing here is keyed by a session's own data.
/// <para>
/// Bounds: at most <see cref="MaxSessionsPerConnection"/> explicitly followed sessions per connection (a subscribe
/// beyond it is refused) and at most <see cref="MaxRunSessionsPerConnection"/> sessions followed because the connection
/// started a run there (beyond it the least recently used one is dropped, never the new one: see
/// <see cref="ConnectionSubscriptions"/>). Entries of closed connections
/// are pruned whenever a subscribe finds more entries than live connections plus <see cref="PruneSlack"/>, so the
/// map never outgrows the live connections by more than that.
/// </para>
/// <para>
/// <see cref="FollowCount"/> is a running total kept beside the table (so reading it costs nothing): followed
/// sessions plus <c>sessions.changed</c> subscriptions. Like the table, it still counts a closed connection's entries
/// until they are pruned.
/// </para>
/// </summary>
internal sealed class SessionSubscriptions(ConnectionRegistry connections)
{
    public const int MaxSessionsPerConnection = 1000;
    public const int MaxRunSessionsPerConnection = 1000;
    private const int PruneSlack = 32;

    private readonly ConcurrentDictionary<string, ConnectionSubscriptions> _byConnection = new(StringComparer.Ordinal);
    private long _followCount;

    /// <summary>Followed sessions plus <c>sessions.changed</c> subscriptions, over every connection in the table.</summary>
    public long FollowCount => Interlocked.Read(ref _followCount);

    /// <summary>Follows <paramref name="sessionKey"/>; throws when the connection already follows the maximum.</summary>
    public void Follow(string connectionId, string sessionKey)
    {
        if (!TryFollow(connectionId, sessionKey))
        {
            throw new RpcException(ErrorCodes.InvalidRequest, $"a connection may follow at most {MaxSessionsPerConnection} sessions");
        }
    }

    /// <summary>
    /// Follows the session of a run the connection started. Never refused: at the bound the session whose last run
    /// this connection started longest ago is dropped instead, so a run's sender always gets the run's events.
    /// </summary>
    public void FollowRunSession(string connectionId, string sessionKey)
    {
        var change = For(connectionId).FollowRunSession(sessionKey);
        if (change != 0)
        {
            Interlocked.Add(ref _followCount, change);
        }
    }

    public bool Unfollow(string connectionId, string sessionKey)
    {
        if (!_byConnection.TryGetValue(connectionId, out var subscriptions) || !subscriptions.Unfollow(sessionKey))
        {
            return false;
        }

        Interlocked.Decrement(ref _followCount);
        return true;
    }

    public bool Follows(string connectionId, string sessionKey) =>
        _byConnection.TryGetValue(connectionId, out var subscriptions) && subscriptions.Follows(sessionKey);

    public void SubscribeSessionChanges(string connectionId)
    {
        if (For(connectionId).TrySubscribeSessionChanges())
        {
            Interlocked.Increment(ref _followCount);
        }
    }

    public bool WantsSessionChanges(string connectionId) =>
        _byConnection.TryGetValue(connectionId, out var subscriptions) && subscriptions.WantsSessionChanges;

    private bool TryFollow(string connectionId, string sessionKey)
    {
        var (followed, added) = For(connectionId).TryFollow(sessionKey);
        if (added)
        {
            Interlocked.Increment(ref _followCount);
        }

        return followed;
    }

    private ConnectionSubscriptions For(string connectionId)
    {
        if (_byConnection.Count > connections.Count + PruneSlack)
        {
            PruneClosed();
        }

        return _byConnection.GetOrAdd(connectionId, static _ => new ConnectionSubscriptions());
    }

    private void PruneClosed()
    {
        var live = connections.Snapshot().Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var connectionId in _byConnection.Keys)
        {
            if (!live.Contains(connectionId))
            {
                if (_byConnection.TryRemove(connectionId, out var removed))
                {
                    Interlocked.Add(ref _followCount, -removed.Count);
                }
            }
        }
    }
}
