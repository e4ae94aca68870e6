using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OpenClaw.TestStubs;

/// <summary>
/// OpenAI chat completions on loopback: <c>POST /v1/chat/completions</c> (SSE <c>chat.completion.chunk</c>s ending
/// with <c>data: [DONE]</c>, or one JSON completion) and <c>GET /v1/models</c>. Tool-call arguments are streamed in
/// fragments; a usage chunk is sent when the request asks for it (<c>stream_options.include_usage</c>).
/// <c>POST /v1/embeddings</c> answers every input with <see cref="StubEmbedding"/> (model <see cref="FailingEmbeddingModel"/>
/// answers 500).
/// </summary>
public sealed class OpenAiStubServer : LlmStubServer
{
    /// <summary>An embedding model the stub refuses with a 500.</summary>
    public const string FailingEmbeddingModel = "stub-embed-fail";

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
        app.MapPost("/v1/embeddings", EmbedAsync);
        app.MapGet("/v1/models", (HttpContext context) =>
        {
            RecordGet(context);
            return WriteJsonAsync(context, OpenAiWire.ModelList(Models));
        });
    }

    /// <summary>A deterministic vector for <paramref name="text"/>: its length, then 0.5, 0.25… up to <paramref name="dimensions"/> values.</summary>
    public static float[] StubEmbedding(string text, int dimensions = 3) =>
        [.. Enumerable.Range(0, Math.Max(1, dimensions)).Select(i => i == 0 ? text.Length : MathF.Pow(0.5f, i))];

    private async Task EmbedAsync(HttpContext context)
    {
        var body = await RecordPostAsync(context);
        var model = body["model"]?.GetValue<string>() ?? "";
        if (model == FailingEmbeddingModel)
        {
            await WriteErrorAsync(context, new StubError(500, "embedding failed (stub)"), OpenAiWire.Error(new StubError(500, "embedding failed (stub)")));
            return;
        }

        var inputs = body["input"] switch
        {
            JsonArray array => array.Select(i => i!.GetValue<string>()).ToList(),
            JsonNode single => [single.GetValue<string>()],
            _ => new List<string>(),
        };
        var dimensions = body["dimensions"]?.GetValue<int>() ?? 3;
        var data = new JsonArray([.. inputs.Select((text, index) => (JsonNode)new JsonObject
        {
            ["object"] = "embedding",
            ["index"] = index,
            // The .NET SDK asks for base64 (little-endian float32); the JS SDK and curl for numbers.
            ["embedding"] = body["encoding_format"]?.GetValue<string>() == "base64"
                ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(StubEmbedding(text, dimensions).AsSpan())))
                : new JsonArray([.. StubEmbedding(text, dimensions).Select(v => (JsonNode)JsonValue.Create(v))]),
        })]);
        await WriteJsonAsync(context, new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Sum(t => t.Length), ["total_tokens"] = inputs.Sum(t => t.Length) },
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
