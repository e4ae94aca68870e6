using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// Everything a chat session keeps between activations. The transcript itself is not here (it is in the
/// <see cref="Transcripts.ITranscriptStore"/>); this holds what points at it and what must survive a crash: the
/// idempotency cache, queued inputs, the active run and the recent outcomes.
/// </summary>
public sealed class ChatSessionState
{
    /// <summary>Null until the session is first used (or after it was deleted).</summary>
    public string? SessionId { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public SessionSettings Settings { get; set; } = new();
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long? ContextTokens { get; set; }
    public int CompactionCount { get; set; }
    public string? LastRunId { get; set; }
    public string? LastMessagePreview { get; set; }
    public string? LastProvider { get; set; }
    public string? LastModel { get; set; }
    /// <summary>The index status: queued, running, done, failed, killed or timeout.</summary>
    public string? Status { get; set; }
    /// <summary>The channel of the last message that named one (the index row's <c>channel</c>).</summary>
    public string? LastChannel { get; set; }

    /// <summary>Bounded by <see cref="IdempotencyCache.MaxEntries"/>.</summary>
    public List<IdempotencyRecord> Idempotency { get; set; } = [];

    /// <summary>Bounded by <see cref="RecentRuns.MaxEntries"/>, newest last.</summary>
    public List<RunSnapshot> RecentRuns { get; set; } = [];

    /// <summary>Accepted inputs waiting for a run; bounded by <see cref="PendingInputQueue.Capacity"/>.</summary>
    public List<PendingInput> Pending { get; set; } = [];

    /// <summary>The run in progress; a run found here on activation was cut off by a crash.</summary>
    public ActiveRunRecord? ActiveRun { get; set; }
}

public sealed class SessionSettings
{
    public string? Label { get; set; }
    public string? ThinkingLevel { get; set; }
    public string? VerboseLevel { get; set; }
    /// <summary>provider/model.</summary>
    public string? ModelOverride { get; set; }
    public bool Archived { get; set; }
    public bool Pinned { get; set; }
}

public sealed record IdempotencyRecord(string Key, string RunId, long At);

/// <summary>A user message accepted while another run was active, waiting for its own run (or for the active one).</summary>
public sealed record PendingInput
{
    public required string RunId { get; init; }
    public required QueueMode Mode { get; init; }
    public required ChatMessage Message { get; init; }
    public required long AcceptedAt { get; init; }
    public MessageOrigin Origin { get; init; }
    public string? Thinking { get; init; }
    public int? TimeoutMs { get; init; }
    public string? Model { get; init; }
    public string? ExtraSystemPrompt { get; init; }
    public ClientToolSet? ClientTools { get; init; }
    public string? MessageChannel { get; init; }
}

/// <summary>The run in progress, persisted so that a crash can be settled on the next activation.</summary>
public sealed record ActiveRunRecord
{
    public required string RunId { get; init; }
    /// <summary>Other runIds served by this run (inputs merged by <see cref="QueueMode.Collect"/>).</summary>
    public IReadOnlyList<string> MergedRunIds { get; init; } = [];
    public required long StartedAt { get; init; }
    public required string SessionId { get; init; }
    /// <summary>The event seq reached at the last checkpoint; events after a crash continue above it.</summary>
    public long Seq { get; init; }
    public string? Provider { get; init; }
    public string? Model { get; init; }
}
