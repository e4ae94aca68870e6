namespace OpenClaw.Silo.Cluster.Storage;

/// <summary>
/// Where this silo's writer of a transcript expects it to end: the last part (see <see cref="TranscriptParts"/>), its
/// length, ETag and block count there. <see cref="Sealed"/>: that part is full and sealed; the next append goes to the
/// next part. <see cref="PendingBlock"/>: a block whose append was cut off without an answer, possibly written after
/// <see cref="Position"/>; the next append finds out first.
/// </summary>
internal sealed record AppendPoint(int Part, long Position, string ETag, int BlockCount)
{
    public bool Sealed { get; init; }

    public byte[]? PendingBlock { get; init; }
}

/// <summary>
/// The append points of the transcripts this silo opened, least recently used first out. Overflow rule: past
/// <see cref="Capacity"/> the least recently used point is forgotten; appending to a forgotten transcript fails with
/// a conflict (the writer must open it again) rather than append without knowing where its own last write ended.
/// </summary>
internal sealed class TranscriptAppendPoints(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Blob, AppendPoint Point)>> _byBlob = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Blob, AppendPoint Point)> _recency = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");

    public AppendPoint? Get(string blob)
    {
        lock (_lock)
        {
            if (!_byBlob.TryGetValue(blob, out var node)) return null;
            _recency.Remove(node);
            _recency.AddLast(node);
            return node.Value.Point;
        }
    }

    public void Set(string blob, AppendPoint point)
    {
        lock (_lock)
        {
            if (_byBlob.Remove(blob, out var existing)) _recency.Remove(existing);
            _byBlob[blob] = _recency.AddLast((blob, point));
            if (_byBlob.Count <= Capacity) return;
            var oldest = _recency.First!;
            _recency.RemoveFirst();
            _byBlob.Remove(oldest.Value.Blob);
        }
    }

    public void Forget(string blob)
    {
        lock (_lock)
        {
            if (_byBlob.Remove(blob, out var node)) _recency.Remove(node);
        }
    }
}
