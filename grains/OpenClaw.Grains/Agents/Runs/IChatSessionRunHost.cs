using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>
/// How a run, working off the session's scheduler, hands state changes back to its session grain: each call is a
/// short turn of the same activation (grain type <c>chatsession</c>), so the transcript and the state keep one writer
/// and the run never touches grain fields. Every call names its run; a call for a run that is no longer the active one
/// (aborted by a reset, or settled by a newer activation after a restart) fails with <c>STALE_RUN</c> and the run stops.
/// Not part of the public contract: only <see cref="AgentRun"/> calls it.
/// </summary>
[GrainType("chatsession")]
public interface IChatSessionRunHost : IGrainWithStringKey
{
    /// <summary>Appends the run's assistant/tool messages to the transcript (durable on return) and checkpoints seq.</summary>
    Task AppendRunMessagesAsync(string runId, IReadOnlyList<ChatMessage> messages, long seq, CancellationToken cancellationToken = default);

    /// <summary>Takes the steer inputs queued for this run, appending them to the transcript as user messages.</summary>
    Task<IReadOnlyList<ChatMessage>> TakeSteeringAsync(string runId, long seq, CancellationToken cancellationToken = default);

    /// <summary>Writes a <c>compaction</c> entry computed by the run.</summary>
    Task RecordCompactionAsync(string runId, CompactionRecord compaction, long seq, CancellationToken cancellationToken = default);

    /// <summary>Settles the run: appends its last message, stores the outcome, publishes the terminal events, starts the next input.</summary>
    Task CompleteRunAsync(RunOutcome outcome, CancellationToken cancellationToken = default);
}

/// <summary>A summary of the entries before <see cref="FirstKeptEntryId"/>.</summary>
public sealed record CompactionRecord(string Summary, string FirstKeptEntryId, long TokensBefore, long TokensAfter);

/// <summary>How a run ended, as the run reports it to its session.</summary>
public sealed record RunOutcome
{
    public required string RunId { get; init; }
    /// <summary>ok, error, timeout or aborted.</summary>
    public required string Status { get; init; }
    public required long Seq { get; init; }
    public string? StopReason { get; init; }
    /// <summary>The final (or partial) assistant message still to append; null when there is none.</summary>
    public ChatMessage? LastMessage { get; init; }
    /// <summary>True when <see cref="LastMessage"/> is already in the transcript (a run cut off at the turn limit).</summary>
    public bool LastMessageIsPersisted { get; init; }
    public string? ReplyText { get; init; }
    public string? ErrorMessage { get; init; }
    public string? ErrorKind { get; init; }
    public string? Provider { get; init; }
    public string? Model { get; init; }
    public UsageInfo? Usage { get; init; }
    public long? ContextTokens { get; init; }
    public IReadOnlyList<string> FailedAttempts { get; init; } = [];
    /// <summary>Client tool calls the run stopped on (<see cref="Tools.ClientTools"/>).</summary>
    public IReadOnlyList<PendingToolCall> PendingToolCalls { get; init; } = [];
}
