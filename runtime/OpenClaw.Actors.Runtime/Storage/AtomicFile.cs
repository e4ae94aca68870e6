using System.Text.Json;
using OpenClaw.Actors.Serialization;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// Replaces a JSON file so that a process crash at any moment leaves the old or the new content, never a torn file.
/// Callers hold a lock on the target (<see cref="FileLock"/>), which is what makes reusing the spare and removing
/// leftover temp files safe.
/// <para>
/// Both modes write the target's spare (<c>&lt;target&gt;.spare</c>, kept beside it) in place and swap the two names
/// atomically (<see cref="FileExchange"/>), so the old content becomes the next spare and no inode is created or
/// deleted per write. With a flush to disk the spare is fsynced before the swap and the directory after it, so the
/// swap is on disk before the next write overwrites the new spare (the old content): a power loss leaves the old or
/// the new content. Without a flush (fsync off) the spare being overwritten may still be the target on disk if the
/// previous swap has not reached the disk yet, so a power loss (never a process crash) can leave a torn state file.
/// Where the exchange is not supported this falls back to a rename of the spare. Documents are padded with trailing
/// spaces to whole blocks so the spare usually keeps its size and its flush is an fdatasync of the data alone.
/// </para>
/// </summary>
internal static class AtomicFile
{
    public const string SpareExtension = ".spare";
    private const string TempExtension = ".tmp";
    private const int PaddingBlock = 4096;

    public static Task WriteJsonAsync<TDocument>(string path, TDocument document, CancellationToken cancellationToken)
        => WriteJsonAsync(path, document, flushToDisk: true, cancellationToken);

    /// <param name="flushToDisk">False skips the fsync: a process crash still leaves the old or the new content, but
    /// a power loss may lose the change (or, see the class summary, tear the file).</param>
    public static Task WriteJsonAsync<TDocument>(string path, TDocument document, bool flushToDisk, CancellationToken cancellationToken)
    {
        // Serialized first and written with one synchronous call: a state document is small, and an async file
        // write costs thread-pool hops that a grain's turn would wait for.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, ActorJson.Options);
        cancellationToken.ThrowIfCancellationRequested();
        ReplaceThroughSpare(path, bytes, flushToDisk);
        return Task.CompletedTask;
    }

    private static void ReplaceThroughSpare(string path, byte[] bytes, bool flushToDisk)
    {
        var spare = path + SpareExtension;
        var padded = Padded(bytes);
        using (var handle = File.OpenHandle(spare, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
        {
            RandomAccess.Write(handle, padded, fileOffset: 0);
            if (RandomAccess.GetLength(handle) != padded.Length) RandomAccess.SetLength(handle, padded.Length);
            if (flushToDisk) FileDataSync.Flush(handle);
        }

        // Missing: the target's first write (or its spare went with the last fallback); Unsupported: no exchange here.
        if (FileExchange.TryExchange(spare, path) != FileExchange.Result.Exchanged)
            File.Move(spare, path, overwrite: true);
        if (flushToDisk) DirectoryFlush.TryFlush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>
    /// The document followed by spaces up to a multiple of <see cref="PaddingBlock"/>: whitespace after the value is
    /// valid JSON, and a spare that keeps its size from one write to the next needs only its data flushed
    /// (<see cref="FileDataSync"/>; on ext4 without a journal an fsync writes the inode as well, one more disk write
    /// on every state write's critical path). A block of the file system: no disk space is lost.
    /// </summary>
    private static byte[] Padded(byte[] bytes)
    {
        var length = (bytes.Length + PaddingBlock - 1) / PaddingBlock * PaddingBlock;
        if (length == bytes.Length) return bytes;
        var padded = new byte[length];
        bytes.CopyTo(padded, 0);
        padded.AsSpan(bytes.Length).Fill((byte)' ');
        return padded;
    }

    /// <summary>Deletes temp files left by writers of <paramref name="path"/> that died before their rename.</summary>
    public static IReadOnlyList<string> RemoveStrayTempFiles(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory)) return [];
        var removed = new List<string>();
        foreach (var stray in Directory.EnumerateFiles(directory, Path.GetFileName(path) + ".*" + TempExtension))
        {
            if (TryDelete(stray)) removed.Add(stray);
        }

        return removed;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: readers ignore temp files, and a later read tries again.
            return false;
        }
    }
}
