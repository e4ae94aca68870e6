using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Silo.Cluster.Storage;

/// <summary>How <see cref="BlobTranscriptStore"/> names and cuts its blobs.</summary>
public sealed record BlobTranscriptStoreOptions
{
    /// <summary>The service's limit of committed blocks per append blob.</summary>
    public const int ServiceMaxBlocksPerBlob = 50_000;

    /// <summary>Default of <see cref="MaxPartBytes"/>: half the client's default download bound, so every part stays readable.</summary>
    public const long DefaultMaxPartBytes = 32L * 1024 * 1024;

    /// <summary>Default bound of the transcripts whose append point one silo remembers (see <see cref="TranscriptAppendPoints"/>).</summary>
    public const int DefaultTrackedTranscripts = 65_536;

    /// <summary>Names the cluster in the blob names (<c>&lt;clusterId&gt;/agents/…</c>); null: the default cluster, no segment.</summary>
    public string? ClusterId { get; init; }

    /// <summary>
    /// Blocks (appends) one part blob takes before the transcript continues in the next part. Default: the service's
    /// 50,000. Above the service's limit, the service's refusal (BlockCountExceedsLimit) is what starts the next part.
    /// </summary>
    public int MaxBlocksPerPart { get; init; } = ServiceMaxBlocksPerBlob;

    /// <summary>
    /// Bytes after which the transcript continues in the next part (an append that would cross it goes to a new
    /// part; a first block is always taken). Keeps each part under the client's download bound
    /// (<see cref="BlobRestClientOptions.MaxDownloadBytes"/>, 64 MiB by default).
    /// </summary>
    public long MaxPartBytes { get; init; } = DefaultMaxPartBytes;

    /// <summary>How many transcripts' append points one silo remembers; past it the least recently used is forgotten.</summary>
    public int TrackedTranscripts { get; init; } = DefaultTrackedTranscripts;

    internal void Validate()
    {
        if (MaxBlocksPerPart < 2)
            throw new ArgumentOutOfRangeException(nameof(MaxBlocksPerPart), MaxBlocksPerPart, "must be at least 2");
        if (MaxPartBytes < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxPartBytes), MaxPartBytes, "must be positive");
        if (TrackedTranscripts < 1)
            throw new ArgumentOutOfRangeException(nameof(TrackedTranscripts), TrackedTranscripts, "must be positive");
    }
}
