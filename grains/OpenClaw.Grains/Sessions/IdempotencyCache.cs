namespace OpenClaw.Grains.Sessions;

/// <summary>
/// Idempotency keys of recent sends → their runId, kept in the session state so they survive reactivation. A key is
/// remembered for <see cref="Ttl"/>; overflow rule: past <see cref="MaxEntries"/> the oldest keys are forgotten first.
/// </summary>
public static class IdempotencyCache
{
    public const int MaxEntries = 1000;
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    public static string? Find(List<IdempotencyRecord> records, string key, long nowMs)
    {
        Expire(records, nowMs);
        return records.Find(r => r.Key == key)?.RunId;
    }

    public static void Remember(List<IdempotencyRecord> records, string key, string runId, long nowMs)
    {
        Expire(records, nowMs);
        records.RemoveAll(r => r.Key == key);
        records.Add(new IdempotencyRecord(key, runId, nowMs));
        if (records.Count > MaxEntries) records.RemoveRange(0, records.Count - MaxEntries);
    }

    private static void Expire(List<IdempotencyRecord> records, long nowMs) =>
        records.RemoveAll(r => nowMs - r.At > (long)Ttl.TotalMilliseconds);
}
