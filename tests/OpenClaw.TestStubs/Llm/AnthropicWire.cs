using System.Text.Json.Nodes;

namespace OpenClaw.TestStubs;

/// <summary>The JSON shapes of Anthropic's Messages API (stream events, messages, errors, model list).</summary>
internal static class AnthropicWire
{
    public const string Signature = "stub-signature";

    public static string StopReason(StubReply reply) => reply.StopReason ?? (reply.ToolCalls.Count > 0 ? "tool_use" : "end_turn");

    /// <summary>Text is sent when there is any, or when there is nothing else (the API always answers a block).</summary>
    public static bool HasTextBlock(StubReply reply) => reply.TextChunks.Count > 0 || reply.ToolCalls.Count == 0;

    public static JsonObject MessageStart(string id, string model, StubUsage usage) => new()
    {
        ["type"] = "message_start",
        ["message"] = Message(id, model, [], null, new StubUsage(usage.Input, 1)),
    };

    public static JsonObject BlockStart(int index, JsonObject block) => new()
    {
        ["type"] = "content_block_start",
        ["index"] = index,
        ["content_block"] = block,
    };

    public static JsonObject BlockDelta(int index, JsonObject delta) => new()
    {
        ["type"] = "content_block_delta",
        ["index"] = index,
        ["delta"] = delta,
    };

    public static JsonObject BlockStop(int index) => new() { ["type"] = "content_block_stop", ["index"] = index };

    public static JsonObject MessageDelta(string stopReason, StubUsage usage) => new()
    {
        ["type"] = "message_delta",
        ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = usage.Input,
            ["cache_creation_input_tokens"] = 0,
            ["cache_read_input_tokens"] = 0,
            ["output_tokens"] = usage.Output,
        },
    };

    public static JsonObject TextBlock(string text) => new() { ["type"] = "text", ["text"] = text };

    public static JsonObject ThinkingBlock(string thinking, string signature) =>
        new() { ["type"] = "thinking", ["thinking"] = thinking, ["signature"] = signature };

    public static JsonObject ToolUseBlock(StubToolCall call, JsonNode input) =>
        new() { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = call.Name, ["input"] = input };

    public static JsonObject Message(string id, string model, JsonArray content, string? stopReason, StubUsage usage) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = usage.Input,
            ["cache_creation_input_tokens"] = 0,
            ["cache_read_input_tokens"] = 0,
            ["output_tokens"] = usage.Output,
        },
    };

    /// <summary>The whole reply as one non-streaming message.</summary>
    public static JsonObject FullMessage(string id, string model, StubReply reply)
    {
        var content = new JsonArray();
        if (reply.ThinkingChunks.Count > 0)
            content.Add(ThinkingBlock(string.Concat(reply.ThinkingChunks), Signature));
        if (HasTextBlock(reply))
            content.Add(TextBlock(string.Concat(reply.TextChunks)));
        foreach (var call in reply.ToolCalls)
            content.Add(ToolUseBlock(call, JsonNode.Parse(call.ArgumentsJson) ?? new JsonObject()));
        return Message(id, model, content, StopReason(reply), reply.EffectiveUsage);
    }

    public static JsonObject Error(StubError error) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject
        {
            ["type"] = error.Code ?? error.Status switch
            {
                400 => "invalid_request_error",
                401 => "authentication_error",
                403 => "permission_error",
                404 => "not_found_error",
                413 => "request_too_large",
                429 => "rate_limit_error",
                529 => "overloaded_error",
                _ => "api_error",
            },
            ["message"] = error.Message,
        },
    };

    public static JsonObject ModelList(IReadOnlyList<string> models) => new()
    {
        ["data"] = new JsonArray(models.Select(m => (JsonNode)new JsonObject
        {
            ["type"] = "model",
            ["id"] = m,
            ["display_name"] = m,
            ["created_at"] = "2025-01-01T00:00:00Z",
        }).ToArray()),
        ["has_more"] = false,
        ["first_id"] = models.FirstOrDefault(),
        ["last_id"] = models.LastOrDefault(),
    };
}
