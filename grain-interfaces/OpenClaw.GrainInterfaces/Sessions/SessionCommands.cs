using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.GrainInterfaces.Sessions;

/// <summary>Where a message came from; it decides details such as the two-phase <c>agent</c> response.</summary>
public enum MessageOrigin { Chat, Agent, Http, Tool, Cron, Channel }

/// <summary>How a message sent while a run is active is handled (spec §12).</summary>
public enum QueueMode
{
    /// <summary>Runs after the active run, as its own run (the default).</summary>
    Followup,
    /// <summary>Injected into the active run at its next model turn.</summary>
    Steer,
    /// <summary>Queued messages are merged into one run after the active one.</summary>
    Collect,
    /// <summary>Aborts the active run and starts this one.</summary>
    Interrupt,
}

public sealed record SendMessage
{
    public required string Text { get; init; }
    public required string IdempotencyKey { get; init; }
    public MessageOrigin Origin { get; init; } = MessageOrigin.Chat;
    public QueueMode? QueueMode { get; init; }
    public string? Thinking { get; init; }
    /// <summary>Run timeout; null = the agent's default.</summary>
    public int? TimeoutMs { get; init; }
    /// <summary>provider/model override for this run.</summary>
    public string? Model { get; init; }
    public string? ExtraSystemPrompt { get; init; }
    public string? Label { get; init; }
    public IReadOnlyList<ImagePart> Images { get; init; } = [];
    /// <summary>Function tools offered by an HTTP client; a call to one ends the run with <see cref="RunSnapshot.PendingToolCalls"/>.</summary>
    public ClientToolSet? ClientTools { get; init; }
    /// <summary>The channel the message came in on (<c>x-openclaw-message-channel</c>, default <c>webchat</c>); recorded on the session.</summary>
    public string? MessageChannel { get; init; }
}

/// <summary>Status is <c>started</c>, <c>queued</c> or <c>in_flight</c> (a repeated idempotency key).</summary>
public sealed record RunAccepted(string RunId, string Status, string SessionKey, string AgentId, string SessionId, long AcceptedAt)
{
    public bool Deduplicated => Status == RunStatuses.InFlight;
}

public static class RunStatuses
{
    public const string Started = "started";
    public const string Queued = "queued";
    public const string InFlight = "in_flight";
    public const string Running = "running";
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Timeout = "timeout";
    public const string Aborted = "aborted";
    public const string Unknown = "unknown";

    public static bool IsTerminal(string status) => status is Ok or Error or Timeout or Aborted;
}

/// <summary>A run as <c>agent.wait</c> and the <c>agent</c> final response report it.</summary>
public sealed record RunSnapshot
{
    public required string RunId { get; init; }
    /// <summary>One of <see cref="RunStatuses"/>.</summary>
    public required string Status { get; init; }
    public string? SessionId { get; init; }
    public long? StartedAt { get; init; }
    public long? EndedAt { get; init; }
    public string? StopReason { get; init; }
    public string? ReplyText { get; init; }
    public string? ErrorMessage { get; init; }
    /// <summary>refusal, timeout, rate_limit, context_length or unknown.</summary>
    public string? ErrorKind { get; init; }
    public string? Provider { get; init; }
    public string? Model { get; init; }
    public UsageInfo? Usage { get; init; }
    /// <summary>provider/model attempts that failed before the one that answered (fallbacks).</summary>
    public IReadOnlyList<string> FailedAttempts { get; init; } = [];
    /// <summary>Client tool calls the run stopped on (stop reason <c>tool_calls</c>), for the HTTP client to run.</summary>
    public IReadOnlyList<PendingToolCall> PendingToolCalls { get; init; } = [];
}

public sealed record AbortResult(bool Aborted, IReadOnlyList<string> RunIds);

public sealed record HistoryQuery(int Limit = 200, int Offset = 0, int? MaxChars = null)
{
    /// <summary>
    /// When set, the page ends just before the message with this <see cref="HistoryMessage.Seq"/> (a cursor of older
    /// pages, as the HTTP history's <c>cursor</c>) and <see cref="Offset"/> is ignored.
    /// </summary>
    public long? BeforeSeq { get; init; }
}

/// <summary>A transcript message with its entry id and position (1-based) in the current transcript.</summary>
public sealed record HistoryMessage(string Id, long Seq, ChatMessage Message);

public sealed record HistoryPage
{
    public required string SessionKey { get; init; }
    public required string SessionId { get; init; }
    public IReadOnlyList<HistoryMessage> Messages { get; init; } = [];
    public int TotalMessages { get; init; }
    public bool HasMore { get; init; }
    public int? NextOffset { get; init; }
    public string? ThinkingLevel { get; init; }
    public int PendingInputs { get; init; }
}

/// <summary>A field of a patch: absent (null <see cref="PatchValue{T}"/>) leaves it, a value sets it, a null value clears it.</summary>
public sealed record PatchValue<T>(T? Value);

public sealed record SessionPatch
{
    public PatchValue<string>? Label { get; init; }
    public PatchValue<string>? ThinkingLevel { get; init; }
    public PatchValue<string>? VerboseLevel { get; init; }
    /// <summary>provider/model.</summary>
    public PatchValue<string>? Model { get; init; }
    public PatchValue<bool>? Archived { get; init; }
    public PatchValue<bool>? Pinned { get; init; }
}

public sealed record DeleteResult(bool Deleted, IReadOnlyList<string> Archived);

public sealed record CompactResult(bool Compacted, string? Reason = null, long? TokensBefore = null, long? TokensAfter = null);

/// <summary>Status ok, empty or missing.</summary>
public sealed record SessionPreview(string Status, IReadOnlyList<PreviewItem> Items);

public sealed record PreviewItem(string Role, string Text);
