namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// An exclusive OS lock on a lock file (FileShare.None, i.e. flock on Unix), held for one read-check-write of a
/// state file. It excludes other storage instances over the same directory too (other silos of an in-process test
/// cluster, another process), and the OS drops it if the holder dies. The lock file stays on disk: deleting it would
/// let a waiter lock an unlinked file while a newcomer locks a fresh one.
/// </summary>
internal static class FileLock
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public static async Task<FileStream> AcquireAsync(string lockPath, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp(); // an I/O contention bound, not behaviour
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException ex) when (ex.GetType() == typeof(IOException))
            {
                // Sharing violation: another holder. Anything more specific (missing directory, …) is a real error.
                if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > MaxWait)
                    throw new TimeoutException($"Could not lock '{lockPath}' within {MaxWait.TotalSeconds:0} s.", ex);
            }

            await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }
}
