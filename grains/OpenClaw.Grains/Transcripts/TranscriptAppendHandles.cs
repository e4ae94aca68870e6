using Microsoft.Win32.SafeHandles;

namespace OpenClaw.Grains.Transcripts;

/// <summary>
/// Open write handles of recently appended transcripts, with the length each file had after its last append, so an
/// append is one positioned write and one flush to disk instead of an open, a seek, the write, the flush and a close
/// (two appends per chat run). Thread-safe; a handle is taken out while an append uses it, so two callers never
/// share one (a transcript has one writer anyway, see <see cref="ITranscriptStore"/>).
/// <para>
/// Bound: at most <see cref="Capacity"/> handles; overflow rule: the least recently used handle is closed (its next
/// append opens the file again). Whoever moves, truncates or deletes a transcript file forgets its handle first
/// (<see cref="Forget"/>), so no write goes through a stale handle or a stale length.
/// </para>
/// </summary>
internal sealed class TranscriptAppendHandles : IDisposable
{
    public const int Capacity = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byPath = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private bool _disposed;

    /// <summary>Takes the cached handle of <paramref name="path"/> (the caller owns it until <see cref="Return"/>), or null.</summary>
    public Entry? Take(string path)
    {
        lock (_lock)
        {
            if (!_byPath.Remove(path, out var node)) return null;
            _recency.Remove(node);
            return node.Value;
        }
    }

    /// <summary>Puts a handle back as the most recently used; closes the least recently used one beyond the bound.</summary>
    public void Return(Entry entry)
    {
        Entry? evicted = null;
        lock (_lock)
        {
            if (_disposed || _byPath.ContainsKey(entry.Path))
            {
                evicted = entry;
            }
            else
            {
                _byPath[entry.Path] = _recency.AddFirst(entry);
                if (_recency.Count > Capacity)
                {
                    evicted = _recency.Last!.Value;
                    _recency.RemoveLast();
                    _byPath.Remove(evicted.Path);
                }
            }
        }

        evicted?.Handle.Dispose();
    }

    /// <summary>Closes the cached handle of <paramref name="path"/>, if any (before the file is moved, cut or deleted).</summary>
    public void Forget(string path) => Take(path)?.Handle.Dispose();

    public void Dispose()
    {
        List<Entry> open;
        lock (_lock)
        {
            _disposed = true;
            open = [.. _recency];
            _recency.Clear();
            _byPath.Clear();
        }

        foreach (var entry in open) entry.Handle.Dispose();
    }

    /// <summary>A write handle and the file's length after the last append through it.</summary>
    internal sealed class Entry(string path, SafeFileHandle handle, long length)
    {
        public string Path { get; } = path;
        public SafeFileHandle Handle { get; } = handle;
        public long Length { get; set; } = length;
    }
}
