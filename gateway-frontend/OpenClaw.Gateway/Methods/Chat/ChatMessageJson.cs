using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Methods.Chat;

/// <summary>
/// Grain messages in the wire's shapes: the cumulative <c>message</c> of <c>chat</c> events ({role, content,
/// timestamp}) and <c>chat.history</c> rows (user rows with string content, assistant rows with content parts plus
/// provider/model/usage/stopReason, each with <c>__openclaw {id, seq}</c>).
/// </summary>
internal static class ChatMessageJson
{
    public static JsonObject EventMessage(ChatMessage message) => new()
    {
        ["role"] = message.Role,
        ["content"] = Content(message.Content),
        ["timestamp"] = message.Timestamp,
    };

    public static JsonObject HistoryRow(ChatMessage message, string entryId, long seq)
    {
        var row = new JsonObject { ["role"] = message.Role };
        row["content"] = message.Role == ChatRoles.User && message.Content is [TextPart only]
            ? only.Text
            : Content(message.Content);
        if (message.ToolCallId is { } toolCallId) row["toolCallId"] = toolCallId;
        if (message.ToolName is { } toolName) row["toolName"] = toolName;
        if (message.IsError is { } isError) row["isError"] = isError;
        if (message.Provider is { } provider) row["provider"] = provider;
        if (message.Model is { } model) row["model"] = model;
        if (message.Usage is { } usage) row["usage"] = MessageUsage(usage);
        if (message.StopReason is { } stopReason) row["stopReason"] = stopReason;
        if (message.ErrorMessage is { } errorMessage) row["errorMessage"] = errorMessage;
        row["timestamp"] = message.Timestamp;
        row["__openclaw"] = new JsonObject { ["id"] = entryId, ["seq"] = seq };
        return row;
    }

    /// <summary>Run totals as the <c>agent</c> result and chat <c>final</c> report them.</summary>
    public static AgentUsage Usage(UsageInfo? usage) => usage is null
        ? new AgentUsage(0, 0, 0, 0, 0)
        : new AgentUsage(usage.Input, usage.Output, usage.CacheRead, usage.CacheWrite, usage.Total);

    private static JsonObject MessageUsage(UsageInfo usage) => new()
    {
        ["input"] = usage.Input,
        ["output"] = usage.Output,
        ["cacheRead"] = usage.CacheRead,
        ["cacheWrite"] = usage.CacheWrite,
        ["totalTokens"] = usage.Total,
    };

    private static JsonArray Content(IReadOnlyList<ContentPart> parts)
    {
        var content = new JsonArray();
        foreach (var part in parts)
        {
            content.Add(part switch
            {
                TextPart text => new JsonObject { ["type"] = "text", ["text"] = text.Text },
                ThinkingPart thinking => new JsonObject { ["type"] = "thinking", ["thinking"] = thinking.Thinking },
                ToolCallPart call => new JsonObject
                {
                    ["type"] = "toolCall",
                    ["id"] = call.Id,
                    ["name"] = call.Name,
                    ["arguments"] = call.Arguments.DeepClone(),
                },
                ImagePart image => new JsonObject { ["type"] = "image", ["data"] = image.Data, ["mimeType"] = image.MimeType },
                _ => new JsonObject { ["type"] = "unknown" },
            });
        }

        return content;
    }
}
