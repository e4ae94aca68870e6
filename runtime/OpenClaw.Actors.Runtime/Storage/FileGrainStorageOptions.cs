namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>How durable a <see cref="FileGrainStorage"/> write is when it completes.</summary>
public sealed class FileGrainStorageOptions
{
    /// <summary>
    /// True (the default): each write is flushed to the disk (fsync) before its rename, so a completed write survives
    /// a power loss. False: the write reaches the OS page cache only; it still survives a crash or kill -9 of this
    /// process (the file is replaced atomically either way), but a power loss or kernel crash may lose the last
    /// seconds of writes. A choice of the operator (OPENCLAW_FSYNC=0), for hosts where latency matters more.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;

    /// <summary>The value of a switch such as OPENCLAW_FSYNC: "0", "false", "off" or "no" turn fsync off; anything else (or unset) keeps it.</summary>
    public static bool FlushToDiskFrom(string? setting) =>
        setting?.Trim().ToLowerInvariant() is not ("0" or "false" or "off" or "no");
}
