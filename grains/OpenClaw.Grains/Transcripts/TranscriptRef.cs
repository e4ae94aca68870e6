namespace OpenClaw.Grains.Transcripts;

/// <summary>Which transcript: one per (agent, sessionId), as in OpenClaw's layout.</summary>
public sealed record TranscriptRef(string AgentId, string SessionId);

/// <summary>A transcript read back: its header (null when the file has none) and its complete entries, in order.</summary>
public sealed record TranscriptContent(TranscriptHeader? Header, IReadOnlyList<TranscriptEntry> Entries)
{
    public static TranscriptContent Empty { get; } = new(null, []);

    public string? LastEntryId => Entries.Count == 0 ? null : Entries[^1].Id;
}
