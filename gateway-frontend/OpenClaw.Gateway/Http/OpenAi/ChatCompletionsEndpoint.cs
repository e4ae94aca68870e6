using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary>
/// <c>POST /v1/chat/completions</c> (openclaw <c>openai-http.ts</c>), off unless
/// <c>gateway.http.endpoints.chatCompletions.enabled</c>: the conversation becomes one agent turn
/// (<see cref="ChatCompletionPrompt"/>) in the agent's session and the reply comes back as a <c>chat.completion</c>, or
/// streamed as <c>chat.completion.chunk</c>s. Client <c>tools</c> (<see cref="ClientToolsRequest"/>) are offered to
/// the model; a call to one ends the run and comes back as <c>message.tool_calls</c> with <c>finish_reason</c>
/// <c>tool_calls</c>; the client's next request carries the <c>tool</c> result in its messages.
/// </summary>
internal static class ChatCompletionsEndpoint
{
    public const string Path = "/v1/chat/completions";
    private const string SessionPrefix = "openai";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(Path, HandleAsync);
        api.MapMethodNotAllowed(Path, "POST");
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http, IOpenClawConfigSource config, HttpAgentRuns runs, IClusterClient cluster, TimeProvider time, CancellationToken cancellationToken)
    {
        var snapshot = config.Current.Config;
        if (!snapshot.Gateway.Http.ChatCompletionsEnabled) return HttpErrors.NotFound();
        if (HttpAccess.Check(http, OperatorScopes.Write) is { } denied) return denied;

        var body = await JsonRequestBody.ReadAsync(http.Request, OpenAiJson.Default.ChatCompletionRequest, HttpBodyLimits.Api, cancellationToken);
        if (body.Error is { } invalid) return invalid;
        var request = body.Value!;
        if (!OpenAiTarget.TryResolve(snapshot, http.Request, request.Model, request.User, SessionPrefix, out var target, out var error)
            || !ChatCompletionPrompt.TryRead(request.Messages, out var prompt, out error)
            || !ClientToolsRequest.TryRead(request.Tools, request.ToolChoice, out var tools, out error))
        {
            return HttpErrors.BadRequest(error!);
        }

        if (await ClientToolConflicts.FindAsync(cluster, target.AgentId, tools.Tools, cancellationToken) is { } conflict) return HttpErrors.BadRequest(conflict);
        var start = new AgentRunStart(target.SessionKey, prompt.Text, Guid.NewGuid().ToString())
        {
            ExtraSystemPrompt = JoinPrompts(prompt.SystemPrompt, tools.ConstraintPrompt),
            Model = target.ModelOverride,
            Images = prompt.Images,
            ClientTools = tools.Tools,
            MessageChannel = target.MessageChannel,
        };
        var completion = new CompletionIdentity($"chatcmpl_{Guid.NewGuid():N}", time.GetUtcNow().ToUnixTimeSeconds(), request.Model);

        await using var run = await runs.StartAsync(start, cancellationToken);
        if (request.Stream == true)
        {
            await ChatCompletionStream.WriteAsync(http, run, completion, tools, request.StreamOptions?.IncludeUsage == true, cancellationToken);
            return Results.Empty;
        }

        var result = await run.WaitForCompletionAsync(cancellationToken);
        if (!RunOutcome.Succeeded(result)) return HttpErrors.Json(StatusCodes.Status500InternalServerError, HttpErrorTypes.Api, RunOutcome.ErrorLine(result));
        // As openclaw: a required or named tool_choice the agent did not honour fails the request rather than pass as prose.
        if (!tools.IsSatisfiedBy(result.PendingToolCalls)) return HttpErrors.Json(StatusCodes.Status502BadGateway, HttpErrorTypes.Api, tools.UnsatisfiedMessage);

        var message = result.PendingToolCalls.Count == 0
            ? new ChatCompletionAssistantMessage("assistant", RunOutcome.ReplyOrPlaceholder(result))
            : new ChatCompletionAssistantMessage("assistant", string.IsNullOrEmpty(result.ReplyText) ? null : result.ReplyText) { ToolCalls = ToolCalls(result.PendingToolCalls, indexed: false) };
        var choice = new ChatCompletionChoice(0, message, RunOutcome.FinishReason(result));
        return TypedResults.Json(
            new ChatCompletion(completion.Id, "chat.completion", completion.Created, completion.Model, [choice], Usage(result.Usage)),
            OpenAiJson.Default.ChatCompletion);
    }

    public static IReadOnlyList<ChatCompletionToolCall> ToolCalls(IReadOnlyList<PendingToolCall> calls, bool indexed) =>
        calls.Select((c, i) => new ChatCompletionToolCall(c.Id, "function", new ChatCompletionFunctionCall(c.Name, c.Arguments)) { Index = indexed ? i : null }).ToList();

    public static string? JoinPrompts(params string?[] prompts) =>
        prompts.Where(p => !string.IsNullOrEmpty(p)).ToList() is { Count: > 0 } parts ? string.Join("\n\n", parts) : null;

    public static ChatCompletionUsage Usage(UsageInfo? usage)
    {
        var prompt = (usage?.Input ?? 0) + (usage?.CacheRead ?? 0) + (usage?.CacheWrite ?? 0);
        var completion = usage?.Output ?? 0;
        return new ChatCompletionUsage(prompt, completion, prompt + completion);
    }
}

/// <summary>The id, creation time and model echoed in every object of one completion.</summary>
internal sealed record CompletionIdentity(string Id, long Created, string Model);
