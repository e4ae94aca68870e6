using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OpenClaw.TestStubs;

/// <summary>
/// Anthropic Messages on loopback: <c>POST /v1/messages</c> streams the real event sequence (message_start,
/// content_block_start / delta (thinking_delta, text_delta, input_json_delta) / stop, message_delta with stop_reason
/// and usage, message_stop) or answers one JSON message; <c>GET /v1/models</c> lists <see cref="LlmStubServer.Models"/>.
/// </summary>
public sealed class AnthropicStubServer : LlmStubServer
{
    private int _sequence;

    private AnthropicStubServer()
    {
    }

    /// <summary>The host root: the Anthropic SDK appends <c>/v1/messages</c> itself.</summary>
    public override string BaseUrl => RootUrl;

    public static async Task<AnthropicStubServer> StartAsync(IReadOnlyList<string>? models = null)
    {
        var server = new AnthropicStubServer { Models = models ?? ["stub-echo"] };
        await server.StartCoreAsync();
        return server;
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.MapPost("/v1/messages", CreateAsync);
        app.MapGet("/v1/models", (HttpContext context) =>
        {
            RecordGet(context);
            return WriteJsonAsync(context, AnthropicWire.ModelList(Models));
        });
    }

    private async Task CreateAsync(HttpContext context)
    {
        var (body, reply) = await ReceiveAsync(context, LastUserText);
        context.Response.Headers["request-id"] = $"req_stub{Interlocked.Increment(ref _sequence)}";
        if (reply.Error is { } error)
        {
            await WriteErrorAsync(context, error, AnthropicWire.Error(error));
            return;
        }

        var id = $"msg_stub{_sequence}";
        var model = body["model"]?.GetValue<string>() ?? "stub-echo";
        if (body["stream"]?.GetValueKind() != JsonValueKind.True)
        {
            await WriteJsonAsync(context, AnthropicWire.FullMessage(id, model, reply));
            return;
        }

        StartEventStream(context);
        await StreamAsync(context, id, model, reply);
    }

    private static async Task StreamAsync(HttpContext context, string id, string model, StubReply reply)
    {
        Task Send(JsonObject payload) =>
            WriteEventAsync(context, payload["type"]!.GetValue<string>(), payload.ToJsonString(), reply.ChunkDelay);

        var usage = reply.EffectiveUsage;
        await Send(AnthropicWire.MessageStart(id, model, usage));
        var index = 0;
        if (reply.ThinkingChunks.Count > 0)
        {
            await Send(AnthropicWire.BlockStart(index, AnthropicWire.ThinkingBlock("", "")));
            foreach (var thinking in reply.ThinkingChunks)
                await Send(AnthropicWire.BlockDelta(index, new JsonObject { ["type"] = "thinking_delta", ["thinking"] = thinking }));
            await Send(AnthropicWire.BlockDelta(index, new JsonObject { ["type"] = "signature_delta", ["signature"] = AnthropicWire.Signature }));
            await Send(AnthropicWire.BlockStop(index++));
        }

        if (AnthropicWire.HasTextBlock(reply))
        {
            await Send(AnthropicWire.BlockStart(index, AnthropicWire.TextBlock("")));
            await WriteEventAsync(context, "ping", """{"type": "ping"}""", TimeSpan.Zero);
            for (var i = 0; i < reply.TextChunks.Count; i++)
            {
                if (i == reply.TruncateAfterChunks)
                {
                    return;
                }
                await Send(AnthropicWire.BlockDelta(index, new JsonObject { ["type"] = "text_delta", ["text"] = reply.TextChunks[i] }));
            }
            await Send(AnthropicWire.BlockStop(index++));
        }
        if (reply.TruncateAfterChunks >= reply.TextChunks.Count)
        {
            return;
        }

        foreach (var call in reply.ToolCalls)
        {
            await Send(AnthropicWire.BlockStart(index, AnthropicWire.ToolUseBlock(call, new JsonObject())));
            foreach (var fragment in call.ArgumentFragments())
                await Send(AnthropicWire.BlockDelta(index, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = fragment }));
            await Send(AnthropicWire.BlockStop(index++));
        }

        await Send(AnthropicWire.MessageDelta(AnthropicWire.StopReason(reply), usage));
        await Send(new JsonObject { ["type"] = "message_stop" });
    }
}
