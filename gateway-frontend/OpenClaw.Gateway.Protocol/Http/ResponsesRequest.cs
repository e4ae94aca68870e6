using System.Text.Json;

namespace OpenClaw.Gateway.Protocol.Http;

/// <summary>
/// <c>POST /v1/responses</c> (OpenResponses). <see cref="Input"/> is a string or an array of items, read by the
/// endpoint; the other optional fields are declared so unknown ones are rejected by name.
/// </summary>
public sealed class ResponsesRequest
{
    public required string Model { get; init; }
    public required JsonElement Input { get; init; }
    public string? Instructions { get; init; }
    public bool? Stream { get; init; }
    public string? User { get; init; }

    /// <summary>Client function tools (<c>{type:"function", name, description?, parameters?}</c>), read by the endpoint.</summary>
    public JsonElement? Tools { get; init; }
    /// <summary><c>none</c>, <c>auto</c>, <c>required</c> or <c>{type:"function", name}</c>.</summary>
    public JsonElement? ToolChoice { get; init; }
    /// <summary>Continues the session that answered this response (same caller, agent and session header).</summary>
    public string? PreviousResponseId { get; init; }

    // Accepted for compatibility; the agent's configuration decides these.
    public bool? ParallelToolCalls { get; init; }
    public int? MaxOutputTokens { get; init; }
    public int? MaxToolCalls { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopLogprobs { get; init; }
    public JsonElement? Metadata { get; init; }
    public bool? Store { get; init; }
    public bool? Background { get; init; }
    public JsonElement? Reasoning { get; init; }
    public JsonElement? Text { get; init; }
    public JsonElement? Include { get; init; }
    public string? Truncation { get; init; }
    public string? ServiceTier { get; init; }
    public string? PromptCacheKey { get; init; }
    public string? SafetyIdentifier { get; init; }
    public JsonElement? StreamOptions { get; init; }
}
