using System.Text.Json;
using OpenClaw.Actors.Serialization;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// Replaces a JSON file so that a crash at any moment leaves the old or the new content, never a torn file: write a
/// temp file in the same directory, flush it to disk (callers may skip this and accept losing the change on a power
/// loss), rename it over the target. Callers hold a lock on the target
/// (<see cref="FileLock"/>), which is what makes removing leftover temp files safe.
/// </summary>
internal static class AtomicFile
{
    private const string TempExtension = ".tmp";

    public static Task WriteJsonAsync<TDocument>(string path, TDocument document, CancellationToken cancellationToken)
        => WriteJsonAsync(path, document, flushToDisk: true, cancellationToken);

    /// <param name="flushToDisk">False skips the fsync: the rename still makes the change atomic for a process crash,
    /// but a power loss may lose it.</param>
    public static Task WriteJsonAsync<TDocument>(string path, TDocument document, bool flushToDisk, CancellationToken cancellationToken)
    {
        var tempPath = $"{path}.{Guid.NewGuid():N}{TempExtension}";
        // Serialized first and written with one synchronous call: a state document is small, and an async file
        // write costs thread-pool hops that a grain's turn would wait for.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, ActorJson.Options);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk);
            }

            File.Move(tempPath, path, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }

        return Task.CompletedTask;
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
