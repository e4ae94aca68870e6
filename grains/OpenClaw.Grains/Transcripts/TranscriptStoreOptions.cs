namespace OpenClaw.Grains.Transcripts;

/// <summary>How durable a <see cref="JsonlTranscriptStore"/> append is when it completes.</summary>
public sealed class TranscriptStoreOptions
{
    /// <summary>
    /// True (the default): an append is flushed to the disk (fsync) before it completes, so an acknowledged message
    /// survives a power loss. False: the append reaches the OS page cache only; it still survives a crash or kill -9 of
    /// this process (one write call of whole lines, torn tails cut on open), but a power loss may lose the last
    /// seconds. A choice of the operator (OPENCLAW_FSYNC=0), for hosts where latency matters more.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;
}
