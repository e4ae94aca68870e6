using System.Text.Json;

namespace OpenClaw.Gateway.Protocol.Http;

/// <summary>
/// <c>POST /v1/chat/completions</c>. Every field an OpenAI client may send is declared (most are accepted and
/// ignored: the agent's own model settings apply), so a misspelt or unknown field is rejected by name.
/// </summary>
public sealed class ChatCompletionRequest
{
    public required string Model { get; init; }
    public required IReadOnlyList<ChatCompletionMessage> Messages { get; init; }
    public bool? Stream { get; init; }
    public ChatCompletionStreamOptions? StreamOptions { get; init; }
    public string? User { get; init; }

    /// <summary>Client function tools, read by the endpoint (see its <c>ClientToolsRequest</c>).</summary>
    public JsonElement? Tools { get; init; }
    /// <summary><c>none</c>, <c>auto</c>, <c>required</c> or <c>{type:"function", function:{name}}</c>.</summary>
    public JsonElement? ToolChoice { get; init; }

    // Accepted for compatibility; the agent's configuration decides these.
    public bool? ParallelToolCalls { get; init; }
    public int? MaxTokens { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public JsonElement? Stop { get; init; }
    public long? Seed { get; init; }
    public int? N { get; init; }
    public double? FrequencyPenalty { get; init; }
    public double? PresencePenalty { get; init; }
    public JsonElement? LogitBias { get; init; }
    public bool? Logprobs { get; init; }
    public int? TopLogprobs { get; init; }
    public JsonElement? ResponseFormat { get; init; }
    public JsonElement? Metadata { get; init; }
    public bool? Store { get; init; }
    public string? ServiceTier { get; init; }
    public string? ReasoningEffort { get; init; }
    public string? Verbosity { get; init; }
    public JsonElement? Modalities { get; init; }
    public JsonElement? Audio { get; init; }
    public JsonElement? Prediction { get; init; }
    public JsonElement? WebSearchOptions { get; init; }
    public JsonElement? Functions { get; init; }
    public JsonElement? FunctionCall { get; init; }
    public string? PromptCacheKey { get; init; }
    public string? SafetyIdentifier { get; init; }
}

/// <summary>One input message; <see cref="Content"/> is a string, an array of content parts, or null.</summary>
public sealed class ChatCompletionMessage
{
    public required string Role { get; init; }
    public JsonElement? Content { get; init; }
    public string? Name { get; init; }
    public string? ToolCallId { get; init; }
    public JsonElement? ToolCalls { get; init; }
    public string? Refusal { get; init; }
    public JsonElement? Audio { get; init; }
    public JsonElement? FunctionCall { get; init; }
}

public sealed class ChatCompletionStreamOptions
{
    public bool? IncludeUsage { get; init; }
    public bool? IncludeObfuscation { get; init; }
}
