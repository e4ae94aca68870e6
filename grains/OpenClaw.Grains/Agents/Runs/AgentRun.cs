using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Agents.Runs.Compaction;
using OpenClaw.Grains.Agents.Tools;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>
/// One agent run, working on the thread pool (never on its session's scheduler, so the session keeps answering):
/// waits for a silo-wide slot, builds the context (compacting when it is too large), then calls the model and the
/// tools in turns until the model stops asking for tools or <see cref="RunLimits.MaxModelTurns"/> is reached. Every
/// state change goes back to the session through <see cref="IChatSessionRunHost"/>; events go straight to the
/// session's stream. It ends by reporting a <see cref="RunOutcome"/>: ok, aborted (<see cref="Abort"/>), timeout or
/// error. Its task never faults: failures become outcomes or, when the session is gone, a log line.
/// </summary>
public sealed partial class AgentRun
{
    private readonly RunRequest _request;
    private readonly AgentRunServices _services;
    private readonly IChatSessionRunHost _host;
    private readonly RunEventEmitter _events;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly RunProgress _progress = new();

    public AgentRun(RunRequest request, AgentRunServices services, IChatSessionRunHost host, RunEventEmitter events)
    {
        _request = request;
        _services = services;
        _host = host;
        _events = events;
        _logger = services.RunLogger;
    }

    public string RunId => _request.RunId;

    /// <summary>Completes when the run has reported its outcome (or given up because its session is gone).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(ExecuteAsync);

    /// <summary>Requests the abort; the run reports an <c>aborted</c> outcome with its partial reply.</summary>
    public void Abort()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run already finished.
        }
    }

    private async Task ExecuteAsync()
    {
        RunOutcome outcome;
        using var timeout = new CancellationTokenSource(_request.Timeout, _services.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, timeout.Token);
        try
        {
            outcome = await RunAsync(linked.Token);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            outcome = Ended(RunStatuses.Aborted, "aborted", _progress.PartialMessage(_events.NowMs, "aborted"));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var message = $"The run timed out after {_request.Timeout.TotalSeconds:0} s.";
            outcome = Ended(RunStatuses.Timeout, "error", _progress.PartialMessage(_events.NowMs, "error", message)) with
            {
                ErrorMessage = message,
                ErrorKind = "timeout",
            };
        }
        catch (DomainException exception) when (exception.Code == RunHostErrors.StaleRun)
        {
            LogStale(_request.SessionKey, RunId);
            return;
        }
        catch (ModelCallException exception)
        {
            outcome = Failed(exception.Message, KindOf(exception.Kind));
        }
        catch (Exception exception)
        {
            LogRunFailed(exception, _request.SessionKey, RunId);
            outcome = Failed($"The run failed: {exception.Message}", "unknown");
        }
        finally
        {
            _abort.Dispose();
        }

        await ReportAsync(outcome);
    }

    private async Task<RunOutcome> RunAsync(CancellationToken cancellationToken)
    {
        using var slot = await _services.Limiter.AcquireAsync(cancellationToken);
        await _events.LifecycleAsync(new JsonObject { ["phase"] = "start", ["startedAt"] = _request.StartedAt }, cancellationToken);
        await _events.StatusAsync(RunPhases.PreparingContext, cancellationToken);

        var tools = ClientTools.Merge(_services.Tools.ToolsFor(_request.AgentId), _request.ClientTools);
        var systemPrompt = _services.Prompts.BuildSystemPrompt(
            _request.AgentId, _request.Workspace, tools, _request.ExtraSystemPrompt, _services.Time.GetUtcNow());
        var chain = _request.Chain ?? throw new ModelCallException(ModelErrorKind.Unavailable,
            $"No model is configured for agent '{_request.AgentId}': set agents.defaults.model (\"provider/model\") in openclaw.json.");
        var context = await BuildContextAsync(chain, systemPrompt, cancellationToken);

        await _events.StatusAsync(RunPhases.StartingModel, cancellationToken);
        var definitions = tools.Select(t => new ToolDefinition(t.Name, t.Description, t.ParametersSchema)).ToList();
        var streamer = new ModelTurnStreamer(_services.Models, _events, _services.Time);
        var invoker = new ToolInvoker(tools, new ToolContext(_request.AgentId, _request.SessionKey, _request.Workspace, _request.Grains),
            _events, _services.Time, _logger);

        var overflowCompacted = false;
        for (var turn = 1; ; turn++)
        {
            if (turn > 1) context.AddRange(await _host.TakeSteeringAsync(RunId, _events.Seq, cancellationToken));
            var request = new ModelRequest
            {
                Model = ModelChainResolver.Split(chain.Primary).Model,
                SystemPrompt = systemPrompt,
                Messages = [.. context],
                Tools = definitions,
                Thinking = _request.Thinking,
                ToolChoice = ClientTools.ChoiceFor(_request.ClientTools, turn),
            };
            ModelTurnStreamer.TurnResult result;
            try
            {
                result = await streamer.StreamAsync(chain, request, _progress, cancellationToken);
            }
            catch (ModelCallException overflow) when (overflow.Kind == ModelErrorKind.ContextLength && !overflowCompacted && _progress.TurnText.Length == 0)
            {
                // Spec §8: on a context overflow, compact and retry the turn once. Everything in the context is in
                // the transcript by now (inputs, earlier turns, tool results), so it can be rebuilt from there.
                overflowCompacted = true;
                var compacted = await CompactAsync(chain, systemPrompt, force: true, cancellationToken);
                if (compacted is null) throw;
                context = compacted;
                turn--;
                continue;
            }

            context.Add(result.Message);
            if (result.ToolCalls.Count == 0)
                return await FinishAsync(result.Message, result.Message.StopReason ?? "stop", persisted: false, cancellationToken);

            _progress.TurnText.Clear(); // the text is now in a persisted message; an abort must not append it twice
            await _host.AppendRunMessagesAsync(RunId, [result.Message], _events.Seq, cancellationToken);
            var toolResults = await invoker.InvokeAsync(result.ToolCalls, cancellationToken);
            context.AddRange(toolResults);
            await _host.AppendRunMessagesAsync(RunId, toolResults, _events.Seq, cancellationToken);
            if (ClientTools.PendingCalls(tools, result.ToolCalls) is { Count: > 0 } pending)
                return await FinishAsync(result.Message, ClientTools.StopReason, persisted: true, cancellationToken) with { PendingToolCalls = pending };
            if (turn >= RunLimits.MaxModelTurns)
                return await FinishAsync(result.Message, RunLimits.MaxTurnsStopReason, persisted: true, cancellationToken);
        }
    }

    /// <summary>The context after the last compaction, compacted first when it no longer fits the model's window.</summary>
    private async Task<List<ChatMessage>> BuildContextAsync(ModelChain chain, string systemPrompt, CancellationToken cancellationToken)
    {
        var context = _request.Context;
        var policy = new CompactionPolicy(ModelChainResolver.ContextWindowOf(_services.Config.Current.Config, chain.Primary));
        var tokens = TokenEstimator.Estimate(systemPrompt) + TokenEstimator.Estimate(context);
        _progress.ContextTokens = tokens;
        if (!policy.ShouldCompact(tokens)) return context;
        return await CompactAsync(chain, systemPrompt, force: false, cancellationToken) ?? context;
    }

    /// <summary>Compacts the transcript and returns the new context, or null when there was nothing to compact.</summary>
    private async Task<List<ChatMessage>?> CompactAsync(ModelChain chain, string systemPrompt, bool force, CancellationToken cancellationToken)
    {
        var transcript = await _services.Transcripts.ReadAsync(_request.Transcript, cancellationToken);
        var policy = new CompactionPolicy(ModelChainResolver.ContextWindowOf(_services.Config.Current.Config, chain.Primary));
        var compaction = await _services.Compactor.CompactAsync(transcript.Entries, policy, chain, force, maxKeptMessages: null, cancellationToken);
        if (compaction is null) return null;
        await _host.RecordCompactionAsync(RunId, compaction, _events.Seq + 1, cancellationToken);
        await _events.AgentAsync(AgentStreams.Compaction, CompactionEventData(compaction), cancellationToken);
        var compacted = await _services.Transcripts.ReadAsync(_request.Transcript, cancellationToken);
        var context = RunContextBuilder.Build(compacted.Entries);
        _progress.ContextTokens = TokenEstimator.Estimate(systemPrompt) + TokenEstimator.Estimate(context);
        return context;
    }

    public static JsonObject CompactionEventData(CompactionRecord compaction) => new()
    {
        ["phase"] = "end",
        ["tokensBefore"] = compaction.TokensBefore,
        ["tokensAfter"] = compaction.TokensAfter,
        ["firstKeptEntryId"] = compaction.FirstKeptEntryId,
    };

    private async Task<RunOutcome> FinishAsync(ChatMessage last, string stopReason, bool persisted, CancellationToken cancellationToken)
    {
        if (_progress.Usage is { } usage)
        {
            await _events.AgentAsync(AgentStreams.Usage, new JsonObject
            {
                ["inputTokens"] = usage.Input,
                ["outputTokens"] = usage.Output,
                ["cacheReadTokens"] = usage.CacheRead,
                ["cacheWriteTokens"] = usage.CacheWrite,
                ["totalTokens"] = usage.Total,
            }, cancellationToken);
        }

        return Ended(RunStatuses.Ok, stopReason, last with { StopReason = stopReason }) with
        {
            ReplyText = last.Text(),
            LastMessageIsPersisted = persisted,
        };
    }

    private RunOutcome Failed(string message, string kind) =>
        Ended(RunStatuses.Error, "error", _progress.PartialMessage(_events.NowMs, "error", message)) with { ErrorMessage = message, ErrorKind = kind };

    private RunOutcome Ended(string status, string stopReason, ChatMessage? last) => new()
    {
        RunId = RunId,
        Status = status,
        Seq = _events.Seq,
        StopReason = stopReason,
        LastMessage = last,
        ReplyText = last?.Text(),
        Provider = _progress.Provider,
        Model = _progress.Model,
        Usage = _progress.Usage,
        ContextTokens = _progress.ContextTokens,
        FailedAttempts = _progress.FailedAttempts,
    };

    private async Task ReportAsync(RunOutcome outcome)
    {
        try
        {
            // Not the run's token: it may be cancelled (abort, timeout) and the outcome must still be reported.
            await _host.CompleteRunAsync(outcome, CancellationToken.None);
            LogRunEnded(_request.SessionKey, RunId, outcome.Status);
        }
        catch (DomainException exception) when (exception.Code == RunHostErrors.StaleRun)
        {
            LogStale(_request.SessionKey, RunId);
        }
        catch (Exception exception)
        {
            // The session is gone (silo stopping or moved); its next activation settles the run as interrupted.
            LogReportFailed(exception, _request.SessionKey, RunId);
        }
    }

    private static string KindOf(ModelErrorKind kind) => kind switch
    {
        ModelErrorKind.RateLimit => "rate_limit",
        ModelErrorKind.Timeout => "timeout",
        ModelErrorKind.ContextLength => "context_length",
        ModelErrorKind.Refusal => "refusal",
        _ => "unknown",
    };

    [LoggerMessage(3100, LogLevel.Debug, "Session {SessionKey} run {RunId} ended {Status}")]
    private partial void LogRunEnded(string sessionKey, string runId, string status);

    [LoggerMessage(3101, LogLevel.Error, "Session {SessionKey} run {RunId} failed unexpectedly")]
    private partial void LogRunFailed(Exception exception, string sessionKey, string runId);

    [LoggerMessage(3102, LogLevel.Warning, "Session {SessionKey} run {RunId} could not report its outcome; the session settles it when it reactivates")]
    private partial void LogReportFailed(Exception exception, string sessionKey, string runId);

    [LoggerMessage(3103, LogLevel.Debug, "Session {SessionKey} run {RunId} is no longer the active run; it stops")]
    private partial void LogStale(string sessionKey, string runId);
}

/// <summary>Error codes of <see cref="IChatSessionRunHost"/>.</summary>
public static class RunHostErrors
{
    public const string StaleRun = "STALE_RUN";
}
