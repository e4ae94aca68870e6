using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// The session's side of its runs: starts a run from accepted inputs (user messages durable first), takes the
/// run's reports, settles outcomes (persist, then publish), moves on to the next queued input, aborts, and settles a
/// run a crash cut off. Lives in the grain and runs only on its scheduler, under its <see cref="SessionGate"/>.
/// </summary>
internal sealed class SessionRunCoordinator(
    IPersistentState<ChatSessionState> state,
    SessionTranscript transcript,
    SessionEventPublisher events,
    SessionIndexUpdater index,
    AgentRunServices services,
    SessionRunHooks hooks)
{
    /// <summary>
    /// Seq distance between the last checkpoint and the events that settle a run after a crash: the run may have
    /// published events past its checkpoint, and the settling events must still come after them (a client drops
    /// events whose seq goes backwards). One model turn publishes far fewer events than this.
    /// </summary>
    public const long RecoverySeqGap = 100_000;

    private AgentRun? _active;
    private bool _settlementUnwritten;

    private ChatSessionState State => state.State;
    private long NowMs => services.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public bool IsIdle => State.ActiveRun is null;

    /// <summary>
    /// Writes a settled state that was left to ride on the next write (see <see cref="SettleAsync"/>); called when the
    /// session goes idle (watchdog tick) and before it deactivates. No-op when there is none.
    /// </summary>
    public async Task FlushSettlementAsync(CancellationToken cancellationToken)
    {
        if (!_settlementUnwritten) return;
        await state.WriteStateAsync(cancellationToken);
        _settlementUnwritten = false;
    }

    /// <summary>Appends the inputs' user messages, records the run as active (durably), then starts it.</summary>
    public async Task StartAsync(IReadOnlyList<PendingInput> inputs, CancellationToken cancellationToken)
    {
        var first = inputs[0];
        var sessionId = State.SessionId!;
        var before = (State.Status, State.LastRunId, State.LastMessagePreview, State.UpdatedAt);
        var startedAt = NowMs;
        State.ActiveRun = new ActiveRunRecord
        {
            RunId = first.RunId,
            MergedRunIds = inputs.Skip(1).Select(i => i.RunId).ToList(),
            StartedAt = startedAt,
            SessionId = sessionId,
        };
        State.Status = "running";
        State.LastRunId = first.RunId;
        State.LastMessagePreview = SessionEntryFactory.Preview(inputs[^1].Message.Text());
        State.UpdatedAt = startedAt;

        // The input and the run record go to two files at once, so their flushes to disk overlap; the send is
        // acknowledged only when both are done. Either may land first after a crash: a run record without its input
        // is settled as an error on recovery (its send was never acknowledged), and an input without its record is
        // skipped as a duplicate when the send is retried (the transcript remembers its idempotency key).
        var stateWrite = Task.Run(() => state.WriteStateAsync(cancellationToken), CancellationToken.None);
        try
        {
            await transcript.AppendUserInputsAsync(inputs.Select(i => (i.RunId, i.Message)).ToList(), cancellationToken);
        }
        catch
        {
            await ObserveAsync(stateWrite);
            State.ActiveRun = null;
            (State.Status, State.LastRunId, State.LastMessagePreview, State.UpdatedAt) = before;
            throw;
        }

        try
        {
            await stateWrite;
        }
        catch
        {
            // Without its record the run must not look active in memory: nothing would run or settle it, the
            // session's later inputs would queue behind it, and a shard hand-off would cut it as "interrupted".
            State.ActiveRun = null;
            (State.Status, State.LastRunId, State.LastMessagePreview, State.UpdatedAt) = before;
            throw;
        }
        _settlementUnwritten = false; // that write carried the previous run's settlement too
        hooks.Watchdog.Arm();

        var config = services.Config.Current.Config;
        var timeout = first.TimeoutMs is > 0 and var ms ? TimeSpan.FromMilliseconds(ms)
            : config.Agents.Defaults.TimeoutSeconds is > 0 and var seconds ? TimeSpan.FromSeconds(seconds)
            : RunLimits.DefaultTimeout;
        var request = new RunRequest
        {
            RunId = first.RunId,
            SessionKey = hooks.SessionKey,
            AgentId = hooks.AgentId,
            Transcript = new TranscriptRef(hooks.AgentId, sessionId),
            Context = transcript.BuildContext(),
            Workspace = hooks.Workspace,
            Chain = ModelChainResolver.Resolve(config, hooks.AgentId, first.Model, State.Settings.ModelOverride),
            Thinking = first.Thinking ?? State.Settings.ThinkingLevel ?? config.Agents.Defaults.Thinking,
            ExtraSystemPrompt = first.ExtraSystemPrompt,
            ClientTools = first.ClientTools,
            MessageChannel = first.MessageChannel,
            Timeout = timeout,
            StartedAt = startedAt,
            Grains = hooks.Grains,
        };
        hooks.KeepActiveFor(timeout + TimeSpan.FromMinutes(5));
        _active = new AgentRun(request, services, hooks.Self, events.ForRun(first.RunId, sessionId));
        _active.Start();
    }

    /// <summary>Throws <c>STALE_RUN</c> unless <paramref name="runId"/> is the run this activation is running.</summary>
    public void EnsureActive(string runId)
    {
        if (_active?.RunId != runId || State.ActiveRun?.RunId != runId)
            throw new DomainException(RunHostErrors.StaleRun, $"Run {runId} is not the active run of this session.");
    }

    public async Task AppendAsync(IReadOnlyList<ChatMessage> messages, long seq, CancellationToken cancellationToken)
    {
        await transcript.AppendMessagesAsync(messages, cancellationToken);
        await CheckpointAsync(seq, cancellationToken);
    }

    public async Task<IReadOnlyList<ChatMessage>> TakeSteeringAsync(long seq, CancellationToken cancellationToken)
    {
        var steering = PendingInputQueue.TakeSteering(State.Pending);
        if (steering.Count == 0) return [];
        await transcript.AppendUserInputsAsync(steering.Select(i => (i.RunId, i.Message)).ToList(), cancellationToken);
        await CheckpointAsync(seq, cancellationToken);
        return steering.Select(i => i.Message).ToList();
    }

    public async Task RecordCompactionAsync(CompactionRecord compaction, long seq, CancellationToken cancellationToken)
    {
        await transcript.AppendEntryAsync(transcript.NewEntry(TranscriptEntryTypes.Compaction) with
        {
            Summary = compaction.Summary,
            FirstKeptEntryId = compaction.FirstKeptEntryId,
            TokensBefore = compaction.TokensBefore,
            TokensAfter = compaction.TokensAfter,
        }, cancellationToken);
        State.CompactionCount++;
        State.ContextTokens = compaction.TokensAfter;
        await CheckpointAsync(seq, cancellationToken);
    }

    /// <summary>The run reported its outcome: settle it and start what is queued.</summary>
    public async Task CompleteAsync(RunOutcome outcome, CancellationToken cancellationToken)
    {
        _active = null;
        await SettleAsync(State.ActiveRun!, outcome, cancellationToken);
        await StartNextAsync(cancellationToken);
    }

    /// <summary>Starts the next queued input, if any.</summary>
    public async Task StartNextAsync(CancellationToken cancellationToken)
    {
        if (!IsIdle) return;
        var next = PendingInputQueue.TakeNextRun(State.Pending);
        if (next.Count == 0) return;
        try
        {
            await StartAsync(next, cancellationToken);
        }
        catch
        {
            // Not started (e.g. the transcript write failed): the inputs stay first in line, as the stored state says.
            State.Pending.InsertRange(0, next);
            throw;
        }
    }

    /// <summary>
    /// A run recorded as active that this activation does not run was cut off (crash, restart): settle it as an error.
    /// So is one this activation started whose task has ended without its report getting through (the
    /// <c>CompleteRunAsync</c> call failed, e.g. timed out): nothing else would ever settle it, and every later input
    /// of the session would queue behind it.
    /// </summary>
    public async Task RecoverAsync(string reason, CancellationToken cancellationToken)
    {
        if (_active is { Completion.IsCompleted: true } ended && State.ActiveRun?.RunId == ended.RunId) _active = null;
        if (State.ActiveRun is { } record && _active?.RunId != record.RunId)
        {
            if (transcript.CompletedReplyOf([record.RunId, .. record.MergedRunIds]) is { } reply)
            {
                // The reply was durable (the client may have seen its final) and only the settled state was not yet
                // written: settle the run as it ended, from the transcript.
                await SettleAsync(record, RecoveredOutcome(record, reply), cancellationToken);
                await StartNextAsync(cancellationToken);
                return;
            }

            await SettleAsync(record, new RunOutcome
            {
                RunId = record.RunId,
                Status = RunStatuses.Error,
                Seq = record.Seq + RecoverySeqGap,
                StopReason = "error",
                ErrorMessage = reason,
                ErrorKind = "unknown",
            }, cancellationToken);
        }

        await StartNextAsync(cancellationToken);
    }

    private static RunOutcome RecoveredOutcome(ActiveRunRecord record, ChatMessage reply) => new()
    {
        RunId = record.RunId,
        Status = RunStatuses.Ok,
        Seq = record.Seq + RecoverySeqGap,
        StopReason = reply.StopReason ?? "stop",
        LastMessage = reply,
        LastMessageIsPersisted = true,
        ReplyText = reply.Text(),
        Provider = reply.Provider,
        Model = reply.Model,
        Usage = reply.Usage,
    };

    /// <summary>Requests the abort of the active run (it settles itself) and settles matching queued inputs now.</summary>
    public async Task<AbortResult> AbortAsync(string? runId, CancellationToken cancellationToken)
    {
        var aborted = new List<string>();
        if (State.ActiveRun is { } record && (runId is null || record.RunId == runId || record.MergedRunIds.Contains(runId)))
        {
            _active?.Abort();
            aborted.Add(record.RunId);
        }

        var queued = State.Pending.Where(p => runId is null || p.RunId == runId).ToList();
        if (queued.Count > 0) await AbortQueuedAsync(queued, "aborted", cancellationToken);
        aborted.AddRange(queued.Select(p => p.RunId));
        return new AbortResult(aborted.Count > 0, aborted);
    }

    /// <summary>
    /// Ends the active run at once (reset, delete, shutdown): it is detached and settled here as
    /// <paramref name="status"/> (its own late report is then stale). With <paramref name="abortQueued"/> the queued
    /// inputs are settled as aborted too, their user messages kept in the transcript; without it they stay queued.
    /// </summary>
    public async Task StopAllAsync(string status, string message, bool abortQueued, CancellationToken cancellationToken)
    {
        if (State.ActiveRun is { } record)
        {
            _active?.Abort();
            _active = null;
            await SettleAsync(record, new RunOutcome
            {
                RunId = record.RunId,
                Status = status,
                Seq = record.Seq + RecoverySeqGap,
                StopReason = status == RunStatuses.Aborted ? "aborted" : "error",
                ErrorMessage = status == RunStatuses.Aborted ? null : message,
                ErrorKind = status == RunStatuses.Aborted ? null : "unknown",
            }, cancellationToken);
        }

        if (abortQueued && State.Pending.Count > 0) await AbortQueuedAsync([.. State.Pending], message, cancellationToken);
    }

    private async Task AbortQueuedAsync(List<PendingInput> inputs, string reason, CancellationToken cancellationToken)
    {
        // Accepted messages are never dropped: an aborted input's message still goes into the transcript.
        await transcript.AppendUserInputsAsync(inputs.Select(i => (i.RunId, i.Message)).ToList(), cancellationToken);
        State.Pending.RemoveAll(p => inputs.Any(i => i.RunId == p.RunId));
        var now = NowMs;
        var snapshots = inputs.Select(i => new RunSnapshot
        {
            RunId = i.RunId,
            Status = RunStatuses.Aborted,
            SessionId = State.SessionId,
            EndedAt = now,
            StopReason = "aborted",
            ErrorMessage = reason,
        }).ToList();
        foreach (var snapshot in snapshots) RecentRuns.Add(State.RecentRuns, snapshot);
        await state.WriteStateAsync(cancellationToken);
        foreach (var snapshot in snapshots)
        {
            var emitter = events.ForRun(snapshot.RunId, State.SessionId ?? "");
            await emitter.ChatAsync(emitter.NewChat(GrainInterfaces.Events.ChatStates.Aborted) with { StopReason = "aborted" }, cancellationToken);
            await events.RunCompletedAsync(snapshot, cancellationToken);
        }
    }

    /// <summary>
    /// Persists the outcome before publishing the terminal events. The transcript is the source of truth: when a run
    /// ends ok with a reply appended here, that append is the only write before <c>final</c>; the settled state
    /// (run record cleared, counters, recent runs) stays in memory and rides on the session's next state write (the
    /// next run's start, which writes the state anyway), or is written when the session goes idle or deactivates
    /// (<see cref="FlushSettlementAsync"/>). A crash before that leaves the run recorded as active with its reply last
    /// in the transcript, and <see cref="RecoverAsync"/> settles it as ok from there. Every other outcome writes the
    /// state before its terminal events, as the transcript alone could not tell it.
    /// </summary>
    private async Task SettleAsync(ActiveRunRecord record, RunOutcome outcome, CancellationToken cancellationToken)
    {
        var replyAppended = false;
        if (outcome.LastMessage is { } last && !outcome.LastMessageIsPersisted)
        {
            await transcript.AppendMessagesAsync([last], cancellationToken);
            replyAppended = true;
        }

        var now = NowMs;
        var snapshot = new RunSnapshot
        {
            RunId = record.RunId,
            Status = outcome.Status,
            SessionId = record.SessionId,
            StartedAt = record.StartedAt,
            EndedAt = now,
            StopReason = outcome.StopReason,
            ReplyText = outcome.ReplyText,
            ErrorMessage = outcome.ErrorMessage,
            ErrorKind = outcome.ErrorKind,
            Provider = outcome.Provider,
            Model = outcome.Model,
            Usage = outcome.Usage,
            FailedAttempts = outcome.FailedAttempts,
            PendingToolCalls = outcome.PendingToolCalls,
        };
        var snapshots = record.MergedRunIds.Select(id => snapshot with { RunId = id }).Prepend(snapshot).ToList();
        foreach (var s in snapshots) RecentRuns.Add(State.RecentRuns, s);
        State.ActiveRun = null;
        State.InputTokens += outcome.Usage?.Input ?? 0;
        State.OutputTokens += outcome.Usage?.Output ?? 0;
        State.ContextTokens = outcome.ContextTokens ?? State.ContextTokens;
        State.LastProvider = outcome.Provider ?? State.LastProvider;
        State.LastModel = outcome.Model ?? State.LastModel;
        State.LastMessagePreview = SessionEntryFactory.Preview(outcome.ReplyText) ?? State.LastMessagePreview;
        State.Status = outcome.Status switch
        {
            RunStatuses.Ok => "done",
            RunStatuses.Aborted => "killed",
            RunStatuses.Timeout => "timeout",
            _ => "failed",
        };
        State.UpdatedAt = now;
        if (replyAppended && outcome.Status == RunStatuses.Ok && transcript.CompletedReplyOf([record.RunId, .. record.MergedRunIds]) is not null)
        {
            _settlementUnwritten = true;
        }
        else
        {
            await state.WriteStateAsync(cancellationToken);
            _settlementUnwritten = false;
        }
        hooks.KeepActiveFor(TimeSpan.Zero);

        var emitter = events.ForRun(record.RunId, record.SessionId, outcome.Seq);
        await RunSettlement.PublishTerminalAsync(emitter, outcome, record.StartedAt, cancellationToken);
        foreach (var s in snapshots) await events.RunCompletedAsync(s, cancellationToken);
        await index.UpsertAsync(State, "run", cancellationToken);
        await hooks.Watchdog.ObserveAsync();
    }

    /// <summary>Waits for a write whose failure no longer matters: the operation already fails for another reason, which the caller rethrows.</summary>
    private static async Task ObserveAsync(Task write)
    {
        try
        {
            await write;
        }
        catch (Exception)
        {
            // Reported through the caller's own exception.
        }
    }

    private async Task CheckpointAsync(long seq, CancellationToken cancellationToken)
    {
        if (State.ActiveRun is null) return;
        State.ActiveRun = State.ActiveRun with { Seq = seq };
        State.UpdatedAt = NowMs;
        await state.WriteStateAsync(cancellationToken);
    }
}

/// <summary>What the coordinator needs from its grain.</summary>
internal sealed record SessionRunHooks(
    string SessionKey,
    string AgentId,
    string Workspace,
    IGrainFactory Grains,
    IChatSessionRunHost Self,
    SessionWatchdog Watchdog,
    Action<TimeSpan> KeepActiveFor);
