using Microsoft.Extensions.Logging;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Agents.Runs.Compaction;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// One chat session (key: the canonical session key). Turns stay short: a send makes its input durable (transcript or
/// queue) and returns; the agent run works off the scheduler (<see cref="AgentRun"/>) and reports back through
/// <see cref="IChatSessionRunHost"/> calls, which are turns of this grain. While a run or a queued input exists a
/// reminder is registered (<see cref="SessionWatchdog"/>), so a crash is noticed: the next activation settles the
/// cut-off run as an error and goes on with the queue.
/// </summary>
public sealed partial class ChatSessionGrain(
    [PersistentState(ChatSessionGrain.StateName)] IPersistentState<ChatSessionState> state,
    AgentRunServices runs,
    IOpenClawConfigSource config,
    ILogger<ChatSessionGrain> logger) : Grain, IChatSessionGrain, IChatSessionRunHost, IRemindable
{
    public const string StateName = "session";
    public const string WatchdogReminder = "run-watchdog";
    private static readonly TimeSpan CompactionTimeout = TimeSpan.FromMinutes(2);

    private readonly SessionGate _gate = new();
    private string _key = "";
    private string _agentId = "";
    private string _workspace = "";
    private SessionTranscript _transcript = null!;
    private SessionEventPublisher _events = null!;
    private SessionIndexUpdater _index = null!;
    private SessionRunCoordinator _runs = null!;
    private SessionWatchdog _watchdog = null!;
    private IGrainReminder? _watchdogReminder;

    private ChatSessionState State => state.State;
    private long NowMs => runs.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = GetPrimaryKeyString();
        _agentId = SessionKeys.AgentIdOf(_key, config.Current.Config.Agents.DefaultAgentId);
        _workspace = runs.Prompts.WorkspaceFor(_agentId);
        _transcript = new SessionTranscript(runs.Transcripts, runs.Time);
        var stream = GetStreamProvider(SessionEventPublisher.ProviderName).GetStream<SessionStreamEvent>(SessionStreams.Events(_key));
        _events = new SessionEventPublisher(stream, _key, _agentId, runs.Time);
        _index = new SessionIndexUpdater(GrainFactory, _key, _agentId, _events, logger);
        _watchdog = new SessionWatchdog(RegisterWatchdogAsync, UnregisterWatchdogAsync, _key, logger);
        var hooks = new SessionRunHooks(_key, _agentId, _workspace, GrainFactory, GrainFactory.GetGrain<IChatSessionRunHost>(_key),
            _watchdog, DelayDeactivation);
        _runs = new SessionRunCoordinator(state, _transcript, _events, _index, runs, hooks);
        // A session never stored has no watchdog worth a table read (were one left, the next arm overwrites it and the
        // next tick of an idle session removes it).
        _watchdogReminder = state.RecordExists ? await GetReminder(WatchdogReminder) : null;
        _watchdog.Known(_watchdogReminder is not null);
        if (State.SessionId is not null) await _index.RepairAsync(State, cancellationToken);

        if (State.ActiveRun is not null || State.Pending.Count > 0)
        {
            LogRecovering(_key, State.ActiveRun?.RunId);
            await OpenTranscriptAsync(cancellationToken);
            await _runs.RecoverAsync("interrupted (gateway restarted)", cancellationToken);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _watchdog.ObserveAsync();
        if (State.ActiveRun is null)
        {
            await _runs.FlushSettlementAsync(cancellationToken);
            return;
        }
        try
        {
            // Settle here so clients get a terminal event now (the run's own late report will be stale); queued
            // inputs stay queued and the watchdog reminder starts them on the next activation.
            await _runs.StopAllAsync(RunStatuses.Error, "interrupted (gateway stopping)", abortQueued: false, cancellationToken);
        }
        catch (Exception exception)
        {
            LogStopFailed(exception, _key);
        }
    }

    public Task<RunAccepted> SendAsync(SendMessage command, CancellationToken cancellationToken = default) => _gate.RunAsync(async () =>
    {
        SendValidation.Validate(command);
        var now = NowMs;
        if (IdempotencyCache.Find(State.Idempotency, command.IdempotencyKey, now) is { } existing)
            return Accepted(existing, RunStatuses.InFlight, now);

        await EnsureSessionAsync(cancellationToken);
        var mode = command.QueueMode ?? QueueMode.Followup;
        var input = new PendingInput
        {
            RunId = command.IdempotencyKey,
            Mode = mode,
            Message = SendValidation.UserMessage(command, now),
            AcceptedAt = now,
            Origin = command.Origin,
            Thinking = command.Thinking,
            TimeoutMs = command.TimeoutMs,
            Model = command.Model,
            ExtraSystemPrompt = command.ExtraSystemPrompt,
            ClientTools = command.ClientTools,
            MessageChannel = command.MessageChannel,
        };
        State.LastChannel = command.MessageChannel ?? State.LastChannel;
        string status;
        if (_runs.IsIdle)
        {
            IdempotencyCache.Remember(State.Idempotency, command.IdempotencyKey, input.RunId, now);
            await _runs.StartAsync([input], cancellationToken);
            status = RunStatuses.Started;
        }
        else
        {
            PendingInputQueue.Enqueue(State.Pending, input); // throws BUSY when full, before anything is remembered
            IdempotencyCache.Remember(State.Idempotency, command.IdempotencyKey, input.RunId, now);
            State.UpdatedAt = now;
            await state.WriteStateAsync(cancellationToken);
            await _watchdog.EnsureAsync();
            if (mode == QueueMode.Interrupt) await _runs.AbortAsync(State.ActiveRun!.RunId, cancellationToken);
            status = mode == QueueMode.Interrupt ? RunStatuses.Started : RunStatuses.Queued;
        }

        LogAccepted(_key, input.RunId, status);
        await _index.UpsertAsync(State, "send", cancellationToken);
        return Accepted(input.RunId, status, now);
    }, cancellationToken);

    public Task<RunSnapshot> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (State.ActiveRun is { } active && (active.RunId == runId || active.MergedRunIds.Contains(runId)))
            return Task.FromResult(new RunSnapshot { RunId = runId, Status = RunStatuses.Running, SessionId = active.SessionId, StartedAt = active.StartedAt });
        if (State.Pending.Any(p => p.RunId == runId))
            return Task.FromResult(new RunSnapshot { RunId = runId, Status = RunStatuses.Queued, SessionId = State.SessionId });
        return Task.FromResult(RecentRuns.Find(State.RecentRuns, runId) ?? new RunSnapshot { RunId = runId, Status = RunStatuses.Unknown });
    }

    public async Task<AbortResult> AbortAsync(string? runId, CancellationToken cancellationToken = default)
    {
        var result = await _gate.RunAsync(() => _runs.AbortAsync(runId, cancellationToken), cancellationToken);
        if (result.Aborted) LogAborted(_key, string.Join(",", result.RunIds));
        return result;
    }

    public async Task<HistoryPage> GetHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        if (State.SessionId is not { } sessionId) return new HistoryPage { SessionKey = _key, SessionId = "" };
        var content = await runs.Transcripts.ReadAsync(new TranscriptRef(_agentId, sessionId), cancellationToken);
        return HistoryMapper.Page(_key, sessionId, content, query, State.Settings.ThinkingLevel, State.Pending.Count);
    }

    public Task<string> InjectAsync(string text, string? label, CancellationToken cancellationToken = default) => _gate.RunAsync(async () =>
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("INVALID_REQUEST", "message must not be empty");
        await EnsureSessionAsync(cancellationToken);
        var note = new ChatMessage
        {
            Role = ChatRoles.Assistant,
            Content = [new TextPart(label is { Length: > 0 } ? $"[{label}]\n\n{text}" : text)],
            Provider = "openclaw",
            Model = "gateway-injected",
            StopReason = "stop",
            Timestamp = NowMs,
        };
        var ids = await _transcript.AppendMessagesAsync([note], cancellationToken);
        State.UpdatedAt = NowMs;
        State.LastMessagePreview = SessionEntryFactory.Preview(note.Text());
        await state.WriteStateAsync(cancellationToken);
        await _index.UpsertAsync(State, "inject", cancellationToken);
        return ids[0];
    }, cancellationToken);

    public Task<SessionEntry?> GetEntryAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(State.SessionId is null ? null : SessionEntryFactory.Create(_key, _agentId, State));

    public Task<SessionEntry> PatchAsync(SessionPatch patch, CancellationToken cancellationToken = default) => _gate.RunAsync(async () =>
    {
        await EnsureSessionAsync(cancellationToken);
        SessionPatcher.Apply(State.Settings, patch);
        State.UpdatedAt = NowMs;
        await state.WriteStateAsync(cancellationToken);
        return await _index.UpsertAsync(State, "patch", cancellationToken);
    }, cancellationToken);

    public Task<SessionEntry> ResetAsync(string reason, CancellationToken cancellationToken = default) => _gate.RunAsync(async () =>
    {
        if (State.SessionId is not null)
        {
            await OpenTranscriptAsync(cancellationToken);
            await _runs.StopAllAsync(RunStatuses.Aborted, "session reset", abortQueued: true, cancellationToken);
            await _transcript.AppendEntryAsync(_transcript.NewEntry(TranscriptEntryTypes.Reset) with { Reason = reason }, cancellationToken);
            _transcript.Close();
        }

        SessionLifecycle.StartNewSession(State, NowMs);
        await OpenTranscriptAsync(cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        LogReset(_key, State.SessionId!, reason);
        return await _index.UpsertAsync(State, "reset", cancellationToken);
    }, cancellationToken);

    public Task<DeleteResult> DeleteAsync(bool deleteTranscript, string? expectedSessionId, CancellationToken cancellationToken = default) => _gate.RunAsync(async () =>
    {
        if (State.SessionId is not { } sessionId) return new DeleteResult(false, []);
        if (expectedSessionId is not null && expectedSessionId != sessionId)
            throw new DomainException("INVALID_REQUEST", $"session {_key} has sessionId {sessionId}, not {expectedSessionId}");

        await OpenTranscriptAsync(cancellationToken);
        await _runs.StopAllAsync(RunStatuses.Aborted, "session deleted", abortQueued: true, cancellationToken);
        _transcript.Close();
        var transcriptRef = new TranscriptRef(_agentId, sessionId);
        var archived = new List<string>();
        if (deleteTranscript) await runs.Transcripts.DeleteAsync(transcriptRef, cancellationToken);
        else if (await runs.Transcripts.ArchiveAsync(transcriptRef, "deleted", runs.Time.GetUtcNow(), cancellationToken) is { } path) archived.Add(path);

        await state.ClearStateAsync(cancellationToken);
        await _index.RemoveAsync(sessionId, cancellationToken);
        LogDeleted(_key, sessionId);
        DeactivateOnIdle();
        return new DeleteResult(true, archived);
    }, cancellationToken);

    public Task<CompactResult> CompactAsync(int? maxLines, CancellationToken cancellationToken = default) => _gate.RunAsync(async () =>
    {
        if (State.SessionId is not { } sessionId) return new CompactResult(false, "no session");
        if (!_runs.IsIdle) return new CompactResult(false, "a run is active");
        var current = config.Current.Config;
        if (ModelChainResolver.Resolve(current, _agentId, null, State.Settings.ModelOverride) is not { } chain)
            return new CompactResult(false, "no model configured");

        await OpenTranscriptAsync(cancellationToken);
        var content = await runs.Transcripts.ReadAsync(new TranscriptRef(_agentId, sessionId), cancellationToken);
        var policy = new CompactionPolicy(ModelChainResolver.ContextWindowOf(current, chain.Primary));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CompactionTimeout);
        var compaction = await runs.Compactor.CompactAsync(content.Entries, policy, chain, force: true, maxLines, timeout.Token);
        if (compaction is null) return new CompactResult(false, "nothing to compact");

        await _runs.RecordCompactionAsync(compaction, 0, cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        var emitter = _events.ForRun($"compact-{Guid.NewGuid():N}", sessionId);
        await emitter.AgentAsync(AgentStreams.Compaction, AgentRun.CompactionEventData(compaction), cancellationToken);
        await _index.UpsertAsync(State, "compact", cancellationToken);
        return new CompactResult(true, null, compaction.TokensBefore, compaction.TokensAfter);
    }, cancellationToken);

    public async Task<SessionPreview> PreviewAsync(int limit, int maxChars, CancellationToken cancellationToken = default)
    {
        if (State.SessionId is not { } sessionId) return new SessionPreview("missing", []);
        var content = await runs.Transcripts.ReadAsync(new TranscriptRef(_agentId, sessionId), cancellationToken);
        return HistoryMapper.Preview(content, limit, maxChars);
    }

    Task IChatSessionRunHost.AppendRunMessagesAsync(string runId, IReadOnlyList<ChatMessage> messages, long seq, CancellationToken cancellationToken) =>
        _gate.RunAsync(() => { _runs.EnsureActive(runId); return _runs.AppendAsync(messages, seq, cancellationToken); }, cancellationToken);

    Task<IReadOnlyList<ChatMessage>> IChatSessionRunHost.TakeSteeringAsync(string runId, long seq, CancellationToken cancellationToken) =>
        _gate.RunAsync(() => { _runs.EnsureActive(runId); return _runs.TakeSteeringAsync(seq, cancellationToken); }, cancellationToken);

    Task IChatSessionRunHost.RecordCompactionAsync(string runId, CompactionRecord compaction, long seq, CancellationToken cancellationToken) =>
        _gate.RunAsync(() => { _runs.EnsureActive(runId); return _runs.RecordCompactionAsync(compaction, seq, cancellationToken); }, cancellationToken);

    Task IChatSessionRunHost.CompleteRunAsync(RunOutcome outcome, CancellationToken cancellationToken) =>
        _gate.RunAsync(() => { _runs.EnsureActive(outcome.RunId); return _runs.CompleteAsync(outcome, cancellationToken); }, cancellationToken);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchdogReminder) return;
        await _gate.RunAsync(async () =>
        {
            if (!_runs.IsIdle || State.Pending.Count > 0)
            {
                await OpenTranscriptAsync(CancellationToken.None);
                await _runs.RecoverAsync("interrupted (gateway restarted)", CancellationToken.None);
                return;
            }

            await _runs.FlushSettlementAsync(CancellationToken.None);
            // Back-to-back runs keep the watchdog: it goes only after a whole idle period.
            if (NowMs - State.UpdatedAt >= (long)SessionWatchdog.Period.TotalMilliseconds) await _watchdog.DisarmAsync();
        }, CancellationToken.None);
    }

    private async Task RegisterWatchdogAsync(TimeSpan period) =>
        _watchdogReminder = await RegisterOrUpdateReminder(WatchdogReminder, period, period);

    private async Task UnregisterWatchdogAsync()
    {
        // The handle carries only the name; the table removes whatever row it holds now.
        if ((_watchdogReminder ?? await GetReminder(WatchdogReminder)) is { } reminder) await UnregisterReminder(reminder);
        _watchdogReminder = null;
    }

    private async Task EnsureSessionAsync(CancellationToken cancellationToken)
    {
        // The new session id is not written here: every caller writes the state before it answers (the send with its
        // run record or queue entry, inject and patch after their change), and that one write carries the id too. A
        // crash before it leaves at most an unreferenced transcript file of a call that was never acknowledged.
        if (State.SessionId is null) SessionLifecycle.StartNewSession(State, NowMs);

        await OpenTranscriptAsync(cancellationToken);
    }

    private Task OpenTranscriptAsync(CancellationToken cancellationToken) =>
        _transcript.OpenAsync(new TranscriptRef(_agentId, State.SessionId!), _workspace, cancellationToken);

    private RunAccepted Accepted(string runId, string status, long now) =>
        new(runId, status, _key, _agentId, State.SessionId ?? "", now);
}
