using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpenClaw.GrainInterfaces.Messages;

/// <summary>
/// One message of a conversation in OpenClaw's transcript shape: <c>user</c>, <c>assistant</c> or <c>toolResult</c>,
/// with typed content parts. Serialized with camelCase names it is exactly the <c>message</c> object of OpenClaw's
/// JSONL transcripts and of the protocol's <c>chat</c> events.
/// </summary>
public sealed record ChatMessage
{
    public required string Role { get; init; }
    public IReadOnlyList<ContentPart> Content { get; init; } = [];
    /// <summary>Unix ms.</summary>
    public long Timestamp { get; init; }

    // assistant
    public string? Provider { get; init; }
    public string? Model { get; init; }
    public UsageInfo? Usage { get; init; }
    public string? StopReason { get; init; }
    public string? ErrorMessage { get; init; }

    // toolResult
    public string? ToolCallId { get; init; }
    public string? ToolName { get; init; }
    public bool? IsError { get; init; }

    /// <summary>The concatenated text parts (what a channel would deliver).</summary>
    public string Text() => string.Concat(Content.OfType<TextPart>().Select(p => p.Text));

    public static ChatMessage User(string text, long timestamp) =>
        new() { Role = ChatRoles.User, Content = [new TextPart(text)], Timestamp = timestamp };
}

public static class ChatRoles
{
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string ToolResult = "toolResult";
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextPart), "text")]
[JsonDerivedType(typeof(ThinkingPart), "thinking")]
[JsonDerivedType(typeof(ToolCallPart), "toolCall")]
[JsonDerivedType(typeof(ImagePart), "image")]
public abstract record ContentPart;

public sealed record TextPart(string Text) : ContentPart;

public sealed record ThinkingPart(string Thinking) : ContentPart;

/// <summary>A tool call the model made; <see cref="Arguments"/> is the parsed JSON object.</summary>
public sealed record ToolCallPart(string Id, string Name, JsonObject Arguments) : ContentPart;

/// <summary>An image as base64 data.</summary>
public sealed record ImagePart(string Data, string MimeType) : ContentPart;

/// <summary>Token usage of one model call or a whole run.</summary>
public sealed record UsageInfo(long Input, long Output, long CacheRead = 0, long CacheWrite = 0)
{
    public long Total => Input + Output + CacheRead + CacheWrite;

    public static UsageInfo operator +(UsageInfo a, UsageInfo b) =>
        new(a.Input + b.Input, a.Output + b.Output, a.CacheRead + b.CacheRead, a.CacheWrite + b.CacheWrite);
}
