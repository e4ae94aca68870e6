using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol.Http;

namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary>
/// A streamed chat completion: <c>data: &lt;chunk&gt;</c> lines, first the role, then content as the run's deltas
/// arrive, then a chunk with <c>finish_reason</c>, the usage chunk when asked for, and <c>data: [DONE]</c>. A failed
/// run sends an <c>error</c> object before <c>[DONE]</c>.
/// </summary>
internal static class ChatCompletionStream
{
    private const string ChunkObject = "chat.completion.chunk";

    public static async Task WriteAsync(HttpContext http, HttpRun run, CompletionIdentity completion, bool includeUsage, CancellationToken cancellationToken)
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
        if (RunOutcome.Succeeded(result))
        {
            var tail = run.Text.Finish(result.ReplyText, RunOutcome.EmptyReply);
            if (tail.Length > 0) await Send(new ChatCompletionDelta { Content = tail });
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
