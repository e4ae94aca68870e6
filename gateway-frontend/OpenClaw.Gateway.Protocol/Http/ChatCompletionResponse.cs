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

/// <summary><see cref="FinishReason"/> is <c>stop</c> or <c>length</c>.</summary>
public sealed record ChatCompletionChoice(int Index, ChatCompletionAssistantMessage Message, string FinishReason);

public sealed record ChatCompletionAssistantMessage(string Role, string Content);

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
}
