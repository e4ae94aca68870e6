using System.Text.Json.Nodes;

namespace OpenClaw.TestStubs;

/// <summary>The JSON shapes of OpenAI's chat completions API (chunks, completions, errors, model list).</summary>
internal static class OpenAiWire
{
    public const long Created = 1_700_000_000;

    public static string FinishReason(StubReply reply) => reply.StopReason ?? (reply.ToolCalls.Count > 0 ? "tool_calls" : "stop");

    public static JsonObject Chunk(string id, string model, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = model,
        ["system_fingerprint"] = "fp_stub",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }),
    };

    public static JsonObject UsageChunk(string id, string model, StubUsage usage) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = new JsonArray(),
        ["usage"] = Usage(usage),
    };

    /// <summary>The first fragment of a tool call carries id, type and name; the later ones only arguments.</summary>
    public static JsonObject ToolCallDelta(int index, StubToolCall call, string fragment, bool first)
    {
        var function = new JsonObject();
        if (first)
            function["name"] = call.Name;
        function["arguments"] = fragment;
        var item = new JsonObject { ["index"] = index };
        if (first)
        {
            item["id"] = call.Id;
            item["type"] = "function";
        }
        item["function"] = function;
        return new JsonObject { ["tool_calls"] = new JsonArray(item) };
    }

    public static JsonObject Completion(string id, string model, StubReply reply)
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = reply.TextChunks.Count > 0 || reply.ToolCalls.Count == 0 ? string.Concat(reply.TextChunks) : null,
            ["refusal"] = null,
        };
        if (reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray(reply.ToolCalls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.ArgumentsJson },
            }).ToArray());
        }
        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = FinishReason(reply),
            }),
            ["usage"] = Usage(reply.EffectiveUsage),
        };
    }

    public static JsonObject Error(StubError error) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = error.Message,
            ["type"] = error.Status switch
            {
                429 => "requests",
                >= 500 => "server_error",
                _ => "invalid_request_error",
            },
            ["param"] = null,
            ["code"] = error.Code ?? error.Status switch
            {
                401 => "invalid_api_key",
                429 => "rate_limit_exceeded",
                _ => null,
            },
        },
    };

    public static JsonObject ModelList(IEnumerable<string> models) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray(models.Select(m => (JsonNode)new JsonObject
        {
            ["id"] = m,
            ["object"] = "model",
            ["created"] = Created,
            ["owned_by"] = "stub",
        }).ToArray()),
    };

    private static JsonObject Usage(StubUsage usage) => new()
    {
        ["prompt_tokens"] = usage.Input,
        ["completion_tokens"] = usage.Output,
        ["total_tokens"] = usage.Input + usage.Output,
    };
}
