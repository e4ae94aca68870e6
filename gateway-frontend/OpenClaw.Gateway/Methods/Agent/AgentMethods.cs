using System.Text.Json.Nodes;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Events.SessionEvents;
using OpenClaw.Gateway.Methods.Chat;
using OpenClaw.Gateway.Methods.Sessions;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Methods.Agent;

/// <summary>
/// <c>agent</c> (two responses on one request id: <c>accepted</c>, then the run's final result) and
/// <c>agent.wait</c> (waits for a run's end without cancelling it). Completion comes from the session relay's
/// <see cref="RunCompletionRegistry"/>; the waiter is registered before the grain is asked, so no completion is missed.
/// </summary>
internal sealed class AgentMethods(
    IOpenClawConfigSource config,
    IGrainFactory grains,
    RunFollowers followers,
    RunSessionDirectory runs,
    RunCompletionRegistry completions,
    TimeProvider time) : IRpcMethodGroup
{
    /// <summary>The run timeout when neither the call nor <c>agents.defaults.timeoutSeconds</c> sets one (the grains' default).</summary>
    public static readonly TimeSpan DefaultRunTimeout = TimeSpan.FromSeconds(600);

    /// <summary>How long past the run's own timeout the final response waits: the run settles itself at its timeout.</summary>
    public static readonly TimeSpan WaitMargin = TimeSpan.FromSeconds(30);

    public void Map(RpcMethodTable methods)
    {
        var json = SessionMethodsJson.Default;
        // Write; reset commands additionally need admin (checked in the handler: the scope depends on the message).
        methods.Map("agent", OperatorScopes.Write, json.AgentParams, json.AgentFinalResult, RunAsync);
        methods.Map("agent.wait", OperatorScopes.Write, json.AgentWaitParams, json.AgentWaitResult, WaitAsync);
    }

    private async Task<AgentFinalResult> RunAsync(AgentParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var snapshot = config.Current.Config;
        var target = request.SessionKey is { } key
            ? SessionTargets.Resolve(snapshot, key, request.AgentId)
            : SessionTargets.Main(snapshot, request.AgentId);
        var reset = ResetCommand.Parse(request.Message);
        if (reset is not null)
        {
            RequireAdmin(context);
        }

        var runId = request.IdempotencyKey;
        var images = ChatAttachments.ToImages(request.Attachments);
        var session = grains.GetGrain<IChatSessionGrain>(target.Key);
        followers.Starting(context, runId, target.Key);
        using var completion = completions.Register(runId);

        var text = request.Message;
        if (reset is not null)
        {
            var entry = await session.ResetAsync(reset.Reason, cancellationToken).ConfigureAwait(false);
            if (reset.Rest.Length == 0 && images.Count == 0)
            {
                SendAccepted(context, runId, target, time.GetUtcNow().ToUnixTimeMilliseconds());
                return AgentResults.ResetOnly(runId, entry.SessionId);
            }

            text = reset.Rest;
        }

        var runTimeout = request.Timeout is > 0 and var seconds ? TimeSpan.FromSeconds(seconds)
            : snapshot.Agents.Defaults.TimeoutSeconds is > 0 and var configured ? TimeSpan.FromSeconds(configured)
            : DefaultRunTimeout;
        context.HoldEventsUntilFirstResponse(); // released by the "accepted" response, so no event overtakes it
        var accepted = await session.SendAsync(new SendMessage
        {
            Text = text,
            IdempotencyKey = runId,
            Origin = MessageOrigin.Agent,
            Thinking = request.Thinking,
            TimeoutMs = request.Timeout is > 0 ? (int)Math.Min(int.MaxValue, runTimeout.TotalMilliseconds) : null,
            Model = ModelOverride(request),
            ExtraSystemPrompt = request.ExtraSystemPrompt,
            Label = request.Label,
            Images = images,
        }, cancellationToken).ConfigureAwait(false);

        if (accepted.Deduplicated)
        {
            // A retry: answer with the run's result when it already ended, else that it is still in flight.
            var existing = await session.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            return RunStatuses.IsTerminal(existing.Status) ? AgentResults.Final(existing) : AgentResults.InFlight(runId);
        }

        SendAccepted(context, runId, target, accepted.AcceptedAt);
        try
        {
            var run = await completion.Completion.WaitAsync(runTimeout + WaitMargin, time, cancellationToken).ConfigureAwait(false);
            return AgentResults.Final(run);
        }
        catch (TimeoutException)
        {
            var late = await session.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            return RunStatuses.IsTerminal(late.Status)
                ? AgentResults.Final(late)
                : new AgentFinalResult { RunId = runId, Status = RunStatuses.Timeout, Summary = "failed" };
        }
    }

    private async Task<AgentWaitResult> WaitAsync(AgentWaitParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var runId = request.RunId;
        var timeout = TimeSpan.FromMilliseconds(request.TimeoutMs ?? AgentWaitParams.DefaultTimeoutMs);
        using var completion = completions.Register(runId);

        RunSnapshot? known = null;
        if (runs.Find(runId) is { } sessionKey)
        {
            var run = await grains.GetGrain<IChatSessionGrain>(sessionKey).GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            if (RunStatuses.IsTerminal(run.Status))
            {
                return AgentResults.Wait(run);
            }

            known = run.Status == RunStatuses.Unknown ? null : run;
        }

        try
        {
            var run = await completion.Completion.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            return AgentResults.Wait(run);
        }
        catch (TimeoutException)
        {
            // Still running: timeout. Never seen here (unknown id, or a run this node has not heard of yet): pending.
            var seen = known is not null || runs.Find(runId) is not null;
            return new AgentWaitResult
            {
                RunId = runId,
                Status = seen ? RunStatuses.Timeout : "pending",
                StartedAt = known?.StartedAt,
            };
        }
    }

    private static void SendAccepted(RpcContext context, string runId, SessionTarget target, long acceptedAt) =>
        context.SendInterimResponse(
            new AgentAcceptedResult(runId, target.Key, target.AgentId, "accepted", acceptedAt),
            SessionMethodsJson.Default.AgentAcceptedResult);

    /// <summary><c>model</c> as provider/model: a bare model id takes <c>provider</c> when one is given.</summary>
    private static string? ModelOverride(AgentParams request) => request.Model switch
    {
        null or "" => null,
        var model when model.Contains('/') || string.IsNullOrEmpty(request.Provider) => model,
        var model => $"{request.Provider}/{model}",
    };

    private static void RequireAdmin(RpcContext context)
    {
        if (context.Principal.HasScope(OperatorScopes.Admin))
        {
            return;
        }

        throw new RpcException(ErrorCodes.Forbidden, $"missing scope: {OperatorScopes.Admin}")
        {
            Details = new JsonObject
            {
                ["code"] = ErrorDetailCodes.MissingScope,
                ["missingScope"] = OperatorScopes.Admin,
                ["requiredScopes"] = new JsonArray(OperatorScopes.Admin),
            },
        };
    }
}
