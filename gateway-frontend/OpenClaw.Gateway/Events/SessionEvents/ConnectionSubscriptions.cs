namespace OpenClaw.Gateway.Events.SessionEvents;

/// <summary>
/// One connection's session subscriptions. Explicit follows (<c>sessions.messages.subscribe</c>) and run follows (a
/// run the connection started) are kept apart because their bounds differ: an explicit follow beyond
/// <see cref="SessionSubscriptions.MaxSessionsPerConnection"/> is refused, while a run follow must never be refused —
/// the run's own <c>final</c> would then never reach its sender. Run follows are therefore an LRU of at most
/// <see cref="SessionSubscriptions.MaxRunSessionsPerConnection"/> sessions: a new one evicts the session whose last
/// run this connection started longest ago (overflow rule).
/// </summary>
internal sealed class ConnectionSubscriptions
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _explicit = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _runOrder = new();
    private readonly Dictionary<string, LinkedListNode<string>> _runSessions = new(StringComparer.Ordinal);
    private volatile bool _wantsSessionChanges;

    public bool WantsSessionChanges => _wantsSessionChanges;

    /// <summary>What this connection adds to <see cref="SessionSubscriptions.FollowCount"/>.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _explicit.Count + _runSessions.Keys.Count(key => !_explicit.Contains(key)) + (_wantsSessionChanges ? 1 : 0);
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

    /// <summary>Followed: the session is followed explicitly now; Added: it was not followed at all before this call.</summary>
    public (bool Followed, bool Added) TryFollow(string sessionKey)
    {
        lock (_gate)
        {
            if (_explicit.Contains(sessionKey))
            {
                return (true, false);
            }

            var followed = _explicit.Count < SessionSubscriptions.MaxSessionsPerConnection && _explicit.Add(sessionKey);
            return (followed, followed && !_runSessions.ContainsKey(sessionKey));
        }
    }

    /// <summary>Follows the session of a run this connection started; returns the change in followed sessions (-1, 0 or +1).</summary>
    public int FollowRunSession(string sessionKey)
    {
        lock (_gate)
        {
            if (_runSessions.TryGetValue(sessionKey, out var node))
            {
                _runOrder.Remove(node);
                _runOrder.AddLast(node);
                return 0;
            }

            var change = _explicit.Contains(sessionKey) ? 0 : 1;
            _runSessions.Add(sessionKey, _runOrder.AddLast(sessionKey));
            if (_runSessions.Count > SessionSubscriptions.MaxRunSessionsPerConnection)
            {
                var oldest = _runOrder.First!.Value;
                _runOrder.RemoveFirst();
                _runSessions.Remove(oldest);
                change -= _explicit.Contains(oldest) ? 0 : 1;
            }

            return change;
        }
    }

    /// <summary>Drops both kinds of follow of <paramref name="sessionKey"/>; true when it was followed.</summary>
    public bool Unfollow(string sessionKey)
    {
        lock (_gate)
        {
            var removed = _explicit.Remove(sessionKey);
            if (_runSessions.Remove(sessionKey, out var node))
            {
                _runOrder.Remove(node);
                removed = true;
            }

            return removed;
        }
    }

    public bool Follows(string sessionKey)
    {
        lock (_gate)
        {
            return _explicit.Contains(sessionKey) || _runSessions.ContainsKey(sessionKey);
        }
    }
}
