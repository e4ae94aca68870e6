namespace OpenClaw.Actors.AzureBlob.Storage;

/// <summary>
/// The last version and blob ETag this storage saw per state blob, so a write right after a read or a write goes out
/// as one conditional PUT instead of HEAD + PUT. It is only a hint: the PUT's If-Match on the blob ETag still decides,
/// so a stale entry costs a conflict check, never a lost update. Bounded: when <see cref="Capacity"/> entries are
/// held, the cache is emptied (overflow rule: the next write of each state pays one HEAD again).
/// </summary>
internal sealed class StateVersionCache(int capacity = StateVersionCache.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredStateVersion> _entries = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public StoredStateVersion? Get(string blob)
    {
        lock (_lock) return _entries.GetValueOrDefault(blob);
    }

    public void Set(string blob, StoredStateVersion version)
    {
        lock (_lock)
        {
            if (_entries.Count >= Capacity && !_entries.ContainsKey(blob)) _entries.Clear();
            _entries[blob] = version;
        }
    }

    public void Remove(string blob)
    {
        lock (_lock) _entries.Remove(blob);
    }
}
