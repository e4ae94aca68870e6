using System.Net;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Gateway.Auth;

/// <summary>
/// Sliding-window failure counter per client IP (openclaw <c>auth-rate-limit.ts</c>): <c>maxAttempts</c> failures within
/// <c>windowMs</c> lock the address out for <c>lockoutMs</c>. Loopback is limited like everyone else. Memory is
/// bounded: at most <see cref="MaxTrackedClients"/> addresses; when full, the entry touched longest ago is evicted
/// (an evicted attacker starts counting again, which only weakens the limit for the oldest, quietest address).
/// </summary>
public sealed class AuthRateLimiter(AuthRateLimitConfig config, TimeProvider time) : IAuthRateLimiter
{
    public const int MaxTrackedClients = 10_000;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TimeSpan? RetryAfter(IPAddress? client)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.TryGetValue(Key(client), out var entry) || entry.LockedUntil is not { } until)
            {
                return null;
            }

            if (until > now)
            {
                return until - now;
            }

            _entries.Remove(Key(client));
            return null;
        }
    }

    public void RecordFailure(IPAddress? client)
    {
        var now = time.GetUtcNow();
        var window = TimeSpan.FromMilliseconds(config.WindowMs);
        lock (_gate)
        {
            var key = Key(client);
            if (!_entries.TryGetValue(key, out var entry))
            {
                EvictOldestIfFull();
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.LastTouched = now;
            while (entry.Failures.Count > 0 && now - entry.Failures.Peek() >= window)
            {
                entry.Failures.Dequeue();
            }

            entry.Failures.Enqueue(now);
            if (entry.Failures.Count >= config.MaxAttempts)
            {
                entry.LockedUntil = now + TimeSpan.FromMilliseconds(config.LockoutMs);
                entry.Failures.Clear();
            }
        }
    }

    public void Reset(IPAddress? client)
    {
        lock (_gate)
        {
            _entries.Remove(Key(client));
        }
    }

    private void EvictOldestIfFull()
    {
        if (_entries.Count < MaxTrackedClients)
        {
            return;
        }

        var oldest = _entries.MinBy(pair => pair.Value.LastTouched).Key;
        _entries.Remove(oldest);
    }

    private static string Key(IPAddress? client) =>
        client is null ? "unknown" : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();

    private sealed class Entry
    {
        // Bounded by MaxAttempts: reaching it locks out and clears the queue.
        public Queue<DateTimeOffset> Failures { get; } = new();
        public DateTimeOffset? LockedUntil { get; set; }
        public DateTimeOffset LastTouched { get; set; }
    }
}
