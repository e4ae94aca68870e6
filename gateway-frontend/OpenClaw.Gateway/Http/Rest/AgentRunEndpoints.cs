using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Rest;

/// <summary>
/// The seed documents' run API: <c>POST /v1/agent/run</c> waits for the run and answers
/// <c>{runId, sessionKey, status, response, usage}</c>; <c>POST /v1/agent/run/stream</c> sends SSE <c>delta</c>
/// events as the reply grows, then one <c>done</c> event. The run id is the idempotency key (generated when absent).
/// </summary>
internal static class AgentRunEndpoints
{
    public const string RunPath = "/v1/agent/run";
    public const string StreamPath = "/v1/agent/run/stream";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(RunPath, RunAsync);
        api.MapPost(StreamPath, StreamAsync);
        api.MapMethodNotAllowed(RunPath, "POST");
        api.MapMethodNotAllowed(StreamPath, "POST");
    }

    private static async Task<IResult> RunAsync(HttpContext http, IOpenClawConfigSource config, HttpAgentRuns runs, CancellationToken cancellationToken)
    {
        var (start, rejected) = await ReadAsync(http, config, cancellationToken);
        if (rejected is not null) return rejected;

        await using var run = await runs.StartAsync(start!, cancellationToken);
        var result = await run.WaitForCompletionAsync(cancellationToken);
        var response = new AgentRunResponse(run.RunId, run.SessionKey, result.Status, result.ReplyText ?? "", Usage(result))
        {
            Model = result.Model,
            Provider = result.Provider,
            Error = RunOutcome.Succeeded(result) ? null : RunOutcome.ErrorLine(result),
        };
        return TypedResults.Json(response, HttpJson.Default.AgentRunResponse);
    }

    private static async Task<IResult> StreamAsync(HttpContext http, IOpenClawConfigSource config, HttpAgentRuns runs, CancellationToken cancellationToken)
    {
        var (start, rejected) = await ReadAsync(http, config, cancellationToken);
        if (rejected is not null) return rejected;

        await using var run = await runs.StartAsync(start!, cancellationToken);
        var sse = await SseWriter.StartAsync(http, cancellationToken);
        while (await run.NextTextAsync(cancellationToken) is { } text)
            await SendDeltaAsync(sse, run.RunId, text, cancellationToken);

        var result = await run.WaitForCompletionAsync(cancellationToken);
        if (RunOutcome.Succeeded(result) && run.Text.Finish(result.ReplyText, "") is { Length: > 0 } tail)
            await SendDeltaAsync(sse, run.RunId, tail, cancellationToken);

        var done = new AgentRunDone(run.RunId, result.Status, result.ReplyText ?? run.Text.Sent, Usage(result))
        {
            Error = RunOutcome.Succeeded(result) ? null : RunOutcome.ErrorLine(result),
        };
        await sse.EventAsync("done", JsonSerializer.Serialize(done, HttpJson.Default.AgentRunDone), cancellationToken);
        return Results.Empty;
    }

    private static Task SendDeltaAsync(SseWriter sse, string runId, string text, CancellationToken cancellationToken) =>
        sse.EventAsync("delta", JsonSerializer.Serialize(new AgentRunDelta(runId, text), HttpJson.Default.AgentRunDelta), cancellationToken);

    private static async Task<(AgentRunStart? Start, IResult? Rejected)> ReadAsync(HttpContext http, IOpenClawConfigSource config, CancellationToken cancellationToken)
    {
        if (HttpAccess.Check(http, OperatorScopes.Write) is { } denied) return (null, denied);
        var body = await JsonRequestBody.ReadAsync(http.Request, HttpJson.Default.AgentRunRequest, HttpBodyLimits.Api, cancellationToken);
        if (body.Error is { } invalid) return (null, invalid);
        var request = body.Value!;

        if (string.IsNullOrWhiteSpace(request.Message)) return (null, HttpErrors.BadRequest("message must not be empty"));
        if (request.TimeoutMs is <= 0) return (null, HttpErrors.BadRequest("timeoutMs must be a positive integer"));
        if (request.IdempotencyKey is { } key && (key.Trim().Length == 0 || key.Length > 256))
            return (null, HttpErrors.BadRequest("idempotencyKey must be 1-256 characters"));

        var snapshot = config.Current.Config;
        if (!HttpTargets.TryResolveAgent(snapshot, request.AgentId, out var agentId, out var error)) return (null, HttpErrors.BadRequest(error!));
        var sessionKey = HttpTargets.MainSessionKey(snapshot, agentId);
        if (request.SessionKey is { } requested
            && !HttpTargets.TryCanonicalSessionKey(snapshot, requested, agentId, allowReserved: false, out sessionKey, out error))
        {
            return (null, HttpErrors.BadRequest(error!));
        }

        return (new AgentRunStart(sessionKey, request.Message, request.IdempotencyKey ?? Guid.NewGuid().ToString()) { TimeoutMs = request.TimeoutMs }, null);
    }

    private static AgentRunUsage Usage(RunSnapshot run)
    {
        var input = (run.Usage?.Input ?? 0) + (run.Usage?.CacheRead ?? 0) + (run.Usage?.CacheWrite ?? 0);
        var output = run.Usage?.Output ?? 0;
        return new AgentRunUsage(input, output, input + output);
    }
}
