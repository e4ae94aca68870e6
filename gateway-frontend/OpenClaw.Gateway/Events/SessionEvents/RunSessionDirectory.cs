using System.Collections.Concurrent;

namespace OpenClaw.Gateway.Events.SessionEvents;

/// <summary>
/// runId → session key, as far as this front node has seen (runs started through it, and every run whose events it
/// relayed), so <c>agent.wait {runId}</c> can find the session grain to ask. Bounded: at most
/// <see cref="Capacity"/> runs, the oldest remembered dropped first; an entry expires <see cref="Ttl"/> after it was
/// last remembered. A forgotten run is then simply unknown (agent.wait answers pending), never wrong.
/// </summary>
internal sealed class RunSessionDirectory(TimeProvider time)
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _insertionOrder = new();

    public int Count => _entries.Count;

    public void Remember(string runId, string sessionKey)
    {
        var expiresAt = time.GetUtcNow() + Ttl;
        var added = false;
        _entries.AddOrUpdate(
            runId,
            _ => { added = true; return new Entry(sessionKey, expiresAt); },
            (_, _) => new Entry(sessionKey, expiresAt));
        if (!added)
        {
            return;
        }

        _insertionOrder.Enqueue(runId);
        while (_entries.Count > Capacity && _insertionOrder.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }

    public string? Find(string runId)
    {
        if (!_entries.TryGetValue(runId, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt > time.GetUtcNow())
        {
            return entry.SessionKey;
        }

        _entries.TryRemove(new KeyValuePair<string, Entry>(runId, entry));
        return null;
    }

    private sealed record Entry(string SessionKey, DateTimeOffset ExpiresAt);
}
