using System.Text.Json;
using OpenClaw.Actors.Serialization;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// Replaces a JSON file so that a crash at any moment leaves the old or the new content, never a torn file: write a
/// temp file in the same directory, flush it to disk, rename it over the target. Callers hold a lock on the target
/// (<see cref="FileLock"/>), which is what makes removing leftover temp files safe.
/// </summary>
internal static class AtomicFile
{
    private const string TempExtension = ".tmp";

    public static async Task WriteJsonAsync<TDocument>(string path, TDocument document, CancellationToken cancellationToken)
    {
        var tempPath = $"{path}.{Guid.NewGuid():N}{TempExtension}";
        try
        {
            await using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, document, ActorJson.Options, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, path, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
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
