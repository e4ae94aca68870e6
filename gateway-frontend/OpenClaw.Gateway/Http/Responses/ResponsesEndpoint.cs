using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Http.OpenAi;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Responses;

/// <summary>
/// <c>POST /v1/responses</c> (openclaw <c>openresponses-http.ts</c>), off unless
/// <c>gateway.http.endpoints.responses.enabled</c>: the input becomes one agent turn (<see cref="ResponsesInput"/>) in
/// the agent's session (prefix
/// <c>openresponses</c>) and the reply is a <c>response</c> object, or a stream of typed response events. Client
/// <c>tools</c> (<see cref="ClientToolsRequest"/>) are offered to the model; a call to one ends the run and comes
/// back as <c>function_call</c> output items; the client continues with a <c>function_call_output</c> item, in the same
/// session when it names the response in <c>previous_response_id</c> (<see cref="ResponseSessions"/>).
/// </summary>
internal static class ResponsesEndpoint
{
    public const string Path = "/v1/responses";
    private const string SessionPrefix = "openresponses";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(Path, HandleAsync);
        api.MapMethodNotAllowed(Path, "POST");
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http, IOpenClawConfigSource config, HttpAgentRuns runs, IClusterClient cluster, ResponseSessions sessions, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var snapshot = config.Current.Config;
        if (!snapshot.Gateway.Http.ResponsesEnabled) return HttpErrors.NotFound();
        if (HttpAccess.Check(http, OperatorScopes.Write) is { } denied) return denied;

        var body = await JsonRequestBody.ReadAsync(http.Request, OpenAiJson.Default.ResponsesRequest, HttpBodyLimits.Api, cancellationToken);
        if (body.Error is { } invalid) return invalid;
        var request = body.Value!;
        if (!OpenAiTarget.TryResolve(snapshot, http.Request, request.Model, request.User, SessionPrefix, out var target, out var error)
            || !ResponsesInput.TryRead(request.Input, request.Instructions, out var input, out error)
            || !ClientToolsRequest.TryRead(request.Tools, request.ToolChoice, out var tools, out error))
        {
            return HttpErrors.BadRequest(error!);
        }

        if (await ClientToolConflicts.FindAsync(cluster, target.AgentId, tools.Tools, cancellationToken) is { } conflict) return HttpErrors.BadRequest(conflict);
        var scope = ResponseSessions.ScopeOf(http.Request, target.AgentId, http.Request.Headers[OpenAiTarget.SessionKeyHeader].ToString());
        var sessionKey = sessions.Find(request.PreviousResponseId, scope) ?? target.SessionKey;
        var start = new AgentRunStart(sessionKey, input.Text, Guid.NewGuid().ToString())
        {
            ExtraSystemPrompt = ChatCompletionsEndpoint.JoinPrompts(input.SystemPrompt, tools.ConstraintPrompt),
            Model = target.ModelOverride,
            Images = input.Images,
            ClientTools = tools.Tools,
            MessageChannel = target.MessageChannel,
        };
        var identity = new ResponseIdentity($"resp_{Guid.NewGuid():N}", $"msg_{Guid.NewGuid():N}", time.GetUtcNow().ToUnixTimeSeconds(), request.Model);
        sessions.Remember(identity.Id, sessionKey, scope);

        await using var run = await runs.StartAsync(start, cancellationToken);
        if (request.Stream == true)
        {
            await ResponsesStream.WriteAsync(http, run, identity, tools, cancellationToken);
            return Results.Empty;
        }

        var result = await run.WaitForCompletionAsync(cancellationToken);
        if (!RunOutcome.Succeeded(result))
        {
            // openclaw answers a failed run with the failed response object itself (its error is {code, message}).
            return TypedResults.Json(identity.Failed("", RunOutcome.ErrorLine(result)), OpenAiJson.Default.ResponseObject, statusCode: StatusCodes.Status500InternalServerError);
        }

        if (!tools.IsSatisfiedBy(result.PendingToolCalls))
            return TypedResults.Json(identity.Failed("", tools.UnsatisfiedMessage), OpenAiJson.Default.ResponseObject, statusCode: StatusCodes.Status502BadGateway);
        if (result.PendingToolCalls.Count > 0)
            return TypedResults.Json(identity.WithToolCalls(result.ReplyText, result.PendingToolCalls, result.Usage), OpenAiJson.Default.ResponseObject);
        return TypedResults.Json(identity.Completed(RunOutcome.ReplyOrPlaceholder(result), result.Usage), OpenAiJson.Default.ResponseObject);
    }
}

/// <summary>The ids, creation time and model of one response, and its objects in each state.</summary>
internal sealed record ResponseIdentity(string Id, string MessageId, long CreatedAt, string Model)
{
    public ResponseObject InProgress() => Response("in_progress", [], usage: null);

    public ResponseObject Completed(string text, UsageInfo? usage) => Response("completed", [Message("completed", text)], usage);

    /// <summary>
    /// A run that stopped on client tool calls: its text (if any) as a message item, then one <c>function_call</c> item
    /// per call, status <c>completed</c> (openclaw's current shape; older releases said <c>incomplete</c>).
    /// </summary>
    public ResponseObject WithToolCalls(string? text, IReadOnlyList<PendingToolCall> calls, UsageInfo? usage) =>
        Response("completed", [.. string.IsNullOrEmpty(text) ? [] : new[] { Message("completed", text) }, .. FunctionCalls(calls, "completed")], usage);

    /// <summary>Stream and final object use the same item ids: <c>fc_&lt;response&gt;_&lt;n&gt;</c>.</summary>
    public IReadOnlyList<ResponseOutputItem> FunctionCalls(IReadOnlyList<PendingToolCall> calls, string status) =>
        calls.Select((c, i) => ResponseOutputItem.FunctionCall($"fc_{Id["resp_".Length..]}_{i}", c.Id, c.Name, c.Arguments, status)).ToList();

    public ResponseObject Failed(string text, string message) =>
        Response("failed", text.Length == 0 ? [] : [Message("incomplete", text)], usage: null) with { Error = new ResponseError("api_error", message) };

    public ResponseOutputItem Message(string status, string? text) =>
        new() { Id = MessageId, Status = status, Content = text is null ? [] : [new ResponseOutputText(text)] };

    private ResponseObject Response(string status, IReadOnlyList<ResponseOutputItem> output, UsageInfo? usage) => new()
    {
        Id = Id,
        CreatedAt = CreatedAt,
        Status = status,
        Model = Model,
        Output = output,
        // openclaw sends usage on every response object, zeros until the run reports some.
        Usage = Usage(usage),
    };

    private static ResponseUsage Usage(UsageInfo? usage)
    {
        var input = (usage?.Input ?? 0) + (usage?.CacheRead ?? 0) + (usage?.CacheWrite ?? 0);
        var output = usage?.Output ?? 0;
        return new ResponseUsage(input, output, input + output);
    }
}
