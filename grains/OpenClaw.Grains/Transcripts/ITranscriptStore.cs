namespace OpenClaw.Grains.Transcripts;

/// <summary>
/// Where session transcripts live: JSONL files in OpenClaw's layout in embedded mode (<see cref="JsonlTranscriptStore"/>),
/// append blobs in a cluster. Contract: one writer per transcript (its session grain); an append is durable when its
/// task completes (it survives a process crash; it survives a power loss too unless the operator chose
/// <see cref="TranscriptStoreOptions.FlushToDisk"/> off); readers see only complete entries, never a torn one.
/// </summary>
public interface ITranscriptStore
{
    /// <summary>
    /// Prepares a transcript for appending and returns what it holds: a torn last entry left by a crash is removed
    /// first; a missing transcript is created with <paramref name="header"/>.
    /// </summary>
    Task<TranscriptContent> OpenAsync(TranscriptRef transcript, TranscriptHeader header, CancellationToken cancellationToken);

    /// <summary>The complete entries (an empty content when the transcript does not exist).</summary>
    Task<TranscriptContent> ReadAsync(TranscriptRef transcript, CancellationToken cancellationToken);

    /// <summary>Appends the entries as one write and makes them durable before completing.</summary>
    Task AppendAsync(TranscriptRef transcript, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken);

    /// <summary>Moves the transcript aside as <c>&lt;name&gt;.&lt;suffix&gt;.&lt;timestamp&gt;</c>; returns its new location, or null when it did not exist.</summary>
    Task<string?> ArchiveAsync(TranscriptRef transcript, string suffix, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Removes the transcript for good; false when it did not exist.</summary>
    Task<bool> DeleteAsync(TranscriptRef transcript, CancellationToken cancellationToken);

    /// <summary>Where the transcript is (a path or URI), for <c>sessionFile</c>-style reporting.</summary>
    string Locate(TranscriptRef transcript);
}
