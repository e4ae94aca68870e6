using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OpenClaw.TestStubs;

/// <summary>
/// OpenAI chat completions on loopback: <c>POST /v1/chat/completions</c> (SSE <c>chat.completion.chunk</c>s ending
/// with <c>data: [DONE]</c>, or one JSON completion) and <c>GET /v1/models</c>. Tool-call arguments are streamed in
/// fragments; a usage chunk is sent when the request asks for it (<c>stream_options.include_usage</c>).
/// </summary>
public sealed class OpenAiStubServer : LlmStubServer
{
    private int _sequence;

    private OpenAiStubServer()
    {
    }

    /// <summary><see cref="LlmStubServer.RootUrl"/> + <c>/v1</c> (the OpenAI SDK's Endpoint includes <c>/v1</c>).</summary>
    public override string BaseUrl => RootUrl + "/v1";

    public static async Task<OpenAiStubServer> StartAsync(IReadOnlyList<string>? models = null)
    {
        var server = new OpenAiStubServer { Models = models ?? ["stub-echo"] };
        await server.StartCoreAsync();
        return server;
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.MapPost("/v1/chat/completions", CompleteAsync);
        app.MapGet("/v1/models", (HttpContext context) =>
        {
            RecordGet(context);
            return WriteJsonAsync(context, OpenAiWire.ModelList(Models));
        });
    }

    private async Task CompleteAsync(HttpContext context)
    {
        var (body, reply) = await ReceiveAsync(context, LastUserText);
        if (reply.Error is { } error)
        {
            await WriteErrorAsync(context, error, OpenAiWire.Error(error));
            return;
        }

        var id = $"chatcmpl-stub{Interlocked.Increment(ref _sequence)}";
        var model = body["model"]?.GetValue<string>() ?? "stub-echo";
        if (body["stream"]?.GetValueKind() != JsonValueKind.True)
        {
            await WriteJsonAsync(context, OpenAiWire.Completion(id, model, reply));
            return;
        }

        StartEventStream(context);
        await StreamAsync(context, id, model, reply, IncludeUsage(body));
    }

    private static async Task StreamAsync(HttpContext context, string id, string model, StubReply reply, bool includeUsage)
    {
        Task Send(JsonObject chunk) => WriteEventAsync(context, null, chunk.ToJsonString(), reply.ChunkDelay);

        await Send(OpenAiWire.Chunk(id, model, new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null));
        for (var i = 0; i < reply.TextChunks.Count; i++)
        {
            if (i == reply.TruncateAfterChunks)
            {
                return;
            }
            await Send(OpenAiWire.Chunk(id, model, new JsonObject { ["content"] = reply.TextChunks[i] }, null));
        }
        if (reply.TruncateAfterChunks >= reply.TextChunks.Count)
        {
            return;
        }

        for (var index = 0; index < reply.ToolCalls.Count; index++)
        {
            var first = true;
            foreach (var fragment in reply.ToolCalls[index].ArgumentFragments().DefaultIfEmpty(""))
            {
                await Send(OpenAiWire.Chunk(id, model, OpenAiWire.ToolCallDelta(index, reply.ToolCalls[index], fragment, first), null));
                first = false;
            }
        }

        await Send(OpenAiWire.Chunk(id, model, [], OpenAiWire.FinishReason(reply)));
        if (includeUsage)
            await Send(OpenAiWire.UsageChunk(id, model, reply.EffectiveUsage));
        await WriteEventAsync(context, null, "[DONE]", TimeSpan.Zero);
    }

    private static bool IncludeUsage(JsonObject body) =>
        body["stream_options"]?["include_usage"]?.GetValueKind() == JsonValueKind.True;
}
