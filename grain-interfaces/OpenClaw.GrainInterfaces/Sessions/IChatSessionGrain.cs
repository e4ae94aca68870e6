using OpenClaw.Actors;

namespace OpenClaw.GrainInterfaces.Sessions;

/// <summary>
/// One chat session. Key: the canonical session key (<see cref="SessionKeys.Normalize"/>), e.g. <c>agent:main:main</c>.
/// It owns everything keyed by the session: the current sessionId and transcript, settings, token counters, the
/// active run and its abort handle, queued inputs, the idempotency cache and per-run event seq counters. Agent runs
/// are background work of the grain (a turn stays short); their output is published on
/// <see cref="Events.SessionStreams.Events"/>.
/// </summary>
[GrainType("chatsession")]
public interface IChatSessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Accepts a user message: it is durable (transcript or queue) before this returns. Starts a run, queues it
    /// behind the active one (per its queue mode), or — for an idempotency key seen in the last 5 minutes — returns
    /// the earlier run (<see cref="RunAccepted.Deduplicated"/>). runId = idempotency key.
    /// </summary>
    Task<RunAccepted> SendAsync(SendMessage command, CancellationToken cancellationToken = default);

    /// <summary>The state of a run of this session (also after it ended, while it is in the recent-runs cache).</summary>
    [ReadOnly]
    Task<RunSnapshot> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Aborts the given run, or every active and queued run when <paramref name="runId"/> is null.</summary>
    [AlwaysInterleave]
    Task<AbortResult> AbortAsync(string? runId, CancellationToken cancellationToken = default);

    [ReadOnly]
    Task<HistoryPage> GetHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Appends an assistant-visible note to the transcript without running the agent (<c>chat.inject</c>).</summary>
    Task<string> InjectAsync(string text, string? label, CancellationToken cancellationToken = default);

    /// <summary>The session's index entry, or null when the session was never created.</summary>
    [ReadOnly]
    Task<SessionEntry?> GetEntryAsync(CancellationToken cancellationToken = default);

    Task<SessionEntry> PatchAsync(SessionPatch patch, CancellationToken cancellationToken = default);

    /// <summary>Starts a new sessionId (new transcript); the old transcript is kept.</summary>
    Task<SessionEntry> ResetAsync(string reason, CancellationToken cancellationToken = default);

    Task<DeleteResult> DeleteAsync(bool deleteTranscript, string? expectedSessionId, CancellationToken cancellationToken = default);

    /// <summary>Summarises older entries into a <c>compaction</c> entry now (<c>sessions.compact</c>).</summary>
    Task<CompactResult> CompactAsync(int? maxLines, CancellationToken cancellationToken = default);

    [ReadOnly]
    Task<SessionPreview> PreviewAsync(int limit, int maxChars, CancellationToken cancellationToken = default);
}
