using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
/// <c>openresponses</c>) and the reply is a <c>response</c> object, or a stream of typed response events.
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
        HttpContext http, IOpenClawConfigSource config, HttpAgentRuns runs, TimeProvider time, CancellationToken cancellationToken)
    {
        var snapshot = config.Current.Config;
        if (!snapshot.Gateway.Http.ResponsesEnabled) return HttpErrors.NotFound();
        if (HttpAccess.Check(http, OperatorScopes.Write) is { } denied) return denied;

        var body = await JsonRequestBody.ReadAsync(http.Request, OpenAiJson.Default.ResponsesRequest, HttpBodyLimits.Api, cancellationToken);
        if (body.Error is { } invalid) return invalid;
        var request = body.Value!;
        if (!OpenAiTarget.TryResolve(snapshot, http.Request, request.Model, request.User, SessionPrefix, out var target, out var error)
            || !ResponsesInput.TryRead(request.Input, request.Instructions, out var input, out error))
        {
            return HttpErrors.BadRequest(error!);
        }

        var start = new AgentRunStart(target.SessionKey, input.Text, Guid.NewGuid().ToString())
        {
            ExtraSystemPrompt = input.SystemPrompt,
            Model = target.ModelOverride,
            Images = input.Images,
        };
        var identity = new ResponseIdentity($"resp_{Guid.NewGuid():N}", $"msg_{Guid.NewGuid():N}", time.GetUtcNow().ToUnixTimeSeconds(), request.Model);

        await using var run = await runs.StartAsync(start, cancellationToken);
        if (request.Stream == true)
        {
            await ResponsesStream.WriteAsync(http, run, identity, cancellationToken);
            return Results.Empty;
        }

        var result = await run.WaitForCompletionAsync(cancellationToken);
        if (!RunOutcome.Succeeded(result))
        {
            // openclaw answers a failed run with the failed response object itself (its error is {code, message}).
            return TypedResults.Json(identity.Failed("", RunOutcome.ErrorLine(result)), OpenAiJson.Default.ResponseObject, statusCode: StatusCodes.Status500InternalServerError);
        }

        return TypedResults.Json(identity.Completed(RunOutcome.ReplyOrPlaceholder(result), result.Usage), OpenAiJson.Default.ResponseObject);
    }
}

/// <summary>The ids, creation time and model of one response, and its objects in each state.</summary>
internal sealed record ResponseIdentity(string Id, string MessageId, long CreatedAt, string Model)
{
    public ResponseObject InProgress() => Response("in_progress", [], usage: null);

    public ResponseObject Completed(string text, UsageInfo? usage) => Response("completed", [Message("completed", text)], usage);

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
