using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol.Http;

namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary>
/// A streamed chat completion: <c>data: &lt;chunk&gt;</c> lines, first the role, then content as the run's deltas
/// arrive, then the client tool calls (<c>delta.tool_calls</c>, one chunk each) when the run stopped on them, then a
/// chunk with <c>finish_reason</c>, the usage chunk when asked for, and <c>data: [DONE]</c>. A failed run, or one that
/// did not honour a required <c>tool_choice</c>, sends an <c>error</c> object before <c>[DONE]</c>.
/// </summary>
internal static class ChatCompletionStream
{
    private const string ChunkObject = "chat.completion.chunk";

    public static async Task WriteAsync(
        HttpContext http, HttpRun run, CompletionIdentity completion, ClientToolsRequest tools, bool includeUsage, CancellationToken cancellationToken)
    {
        var sse = await SseWriter.StartAsync(http, cancellationToken);
        Task Send(ChatCompletionDelta delta, string? finishReason = null) =>
            sse.DataAsync(Serialize(Chunk(completion, [new ChatCompletionChunkChoice(0, delta) { FinishReason = finishReason }])), cancellationToken);

        await Send(new ChatCompletionDelta { Role = "assistant" });
        while (await run.NextTextAsync(cancellationToken) is { } text)
        {
            await Send(new ChatCompletionDelta { Content = text });
        }

        var result = await run.WaitForCompletionAsync(cancellationToken);
        if (RunOutcome.Succeeded(result) && !tools.IsSatisfiedBy(result.PendingToolCalls))
        {
            var error = HttpErrors.Body(HttpErrorTypes.Api, tools.UnsatisfiedMessage);
            await sse.DataAsync(JsonSerializer.Serialize(error, OpenAiJson.Default.HttpErrorBody), cancellationToken);
        }
        else if (RunOutcome.Succeeded(result))
        {
            // A tool-call answer may have no text: no placeholder then, the calls are the answer.
            var tail = run.Text.Finish(result.ReplyText, result.PendingToolCalls.Count > 0 ? "" : RunOutcome.EmptyReply);
            if (tail.Length > 0) await Send(new ChatCompletionDelta { Content = tail });
            foreach (var call in ChatCompletionsEndpoint.ToolCalls(result.PendingToolCalls, indexed: true))
                await Send(new ChatCompletionDelta { ToolCalls = [call] });
            await Send(new ChatCompletionDelta(), RunOutcome.FinishReason(result));
            if (includeUsage)
            {
                var usage = Chunk(completion, []) with { Usage = ChatCompletionsEndpoint.Usage(result.Usage) };
                await sse.DataAsync(Serialize(usage), cancellationToken);
            }
        }
        else
        {
            var error = HttpErrors.Body(HttpErrorTypes.Api, RunOutcome.ErrorLine(result));
            await sse.DataAsync(JsonSerializer.Serialize(error, OpenAiJson.Default.HttpErrorBody), cancellationToken);
        }

        await sse.DataAsync("[DONE]", cancellationToken);
    }

    private static ChatCompletionChunk Chunk(CompletionIdentity completion, IReadOnlyList<ChatCompletionChunkChoice> choices) =>
        new(completion.Id, ChunkObject, completion.Created, completion.Model, choices);

    private static string Serialize(ChatCompletionChunk chunk) => JsonSerializer.Serialize(chunk, OpenAiJson.Default.ChatCompletionChunk);
}
