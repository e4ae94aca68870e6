using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol.Http;

/// <summary>A non-streamed <c>chat.completion</c>.</summary>
public sealed record ChatCompletion(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatCompletionChoice> Choices,
    ChatCompletionUsage Usage);

/// <summary><see cref="FinishReason"/> is <c>stop</c>, <c>length</c> or <c>tool_calls</c>.</summary>
public sealed record ChatCompletionChoice(int Index, ChatCompletionAssistantMessage Message, string FinishReason);

/// <summary><see cref="Content"/> is written as <c>null</c> when a tool-call answer has no text, as OpenAI does.</summary>
public sealed record ChatCompletionAssistantMessage(
    string Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Content)
{
    public IReadOnlyList<ChatCompletionToolCall>? ToolCalls { get; init; }
}

/// <summary>A call to a client tool; streamed, <see cref="Index"/> says which call a delta belongs to.</summary>
public sealed record ChatCompletionToolCall(string Id, string Type, ChatCompletionFunctionCall Function)
{
    public int? Index { get; init; }
}

/// <summary><see cref="Arguments"/> is JSON text.</summary>
public sealed record ChatCompletionFunctionCall(string Name, string Arguments);

public sealed record ChatCompletionUsage(long PromptTokens, long CompletionTokens, long TotalTokens);

/// <summary>One <c>chat.completion.chunk</c> of a streamed answer; the usage chunk has no choices.</summary>
public sealed record ChatCompletionChunk(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatCompletionChunkChoice> Choices)
{
    public ChatCompletionUsage? Usage { get; init; }
}

public sealed record ChatCompletionChunkChoice(int Index, ChatCompletionDelta Delta)
{
    /// <summary>Written as <c>null</c> until the last chunk, as OpenAI does.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}

public sealed record ChatCompletionDelta
{
    public string? Role { get; init; }
    public string? Content { get; init; }
    public IReadOnlyList<ChatCompletionToolCall>? ToolCalls { get; init; }
}
