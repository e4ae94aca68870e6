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
/// Bounds: at most <see cref="MaxSessionsPerConnection"/> followed sessions per connection (an explicit subscribe
/// beyond it is refused; an implicit one from a run replaces nothing and is skipped). Entries of closed connections
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

    /// <summary>Follows the session of a run the connection started; silently skipped at the bound.</summary>
    public void FollowRunSession(string connectionId, string sessionKey) => TryFollow(connectionId, sessionKey);

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

    private sealed class ConnectionSubscriptions
    {
        private readonly Lock _gate = new();
        private readonly HashSet<string> _sessions = new(StringComparer.Ordinal);
        private volatile bool _wantsSessionChanges;

        public bool WantsSessionChanges => _wantsSessionChanges;

        /// <summary>What this connection adds to <see cref="FollowCount"/>.</summary>
        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _sessions.Count + (_wantsSessionChanges ? 1 : 0);
                }
            }
        }

        /// <summary>True the first time only.</summary>
        public bool TrySubscribeSessionChanges()
        {
            lock (_gate)
            {
                if (_wantsSessionChanges)
                {
                    return false;
                }

                _wantsSessionChanges = true;
                return true;
            }
        }

        /// <summary>Followed: the session is followed now; Added: by this call.</summary>
        public (bool Followed, bool Added) TryFollow(string sessionKey)
        {
            lock (_gate)
            {
                if (_sessions.Contains(sessionKey))
                {
                    return (true, false);
                }

                var added = _sessions.Count < MaxSessionsPerConnection && _sessions.Add(sessionKey);
                return (added, added);
            }
        }

        public bool Unfollow(string sessionKey)
        {
            lock (_gate)
            {
                return _sessions.Remove(sessionKey);
            }
        }

        public bool Follows(string sessionKey)
        {
            lock (_gate)
            {
                return _sessions.Contains(sessionKey);
            }
        }
    }
}
