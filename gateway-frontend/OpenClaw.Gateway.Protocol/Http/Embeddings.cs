using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Protocol.Http;

/// <summary>
/// <c>POST /v1/embeddings</c>. <see cref="Input"/> is a string or an array of strings; <see cref="Model"/> names the
/// agent (<c>openclaw</c>, <c>openclaw/&lt;agentId&gt;</c>) whose embedding provider is used.
/// </summary>
public sealed class EmbeddingsRequestBody
{
    public string? Model { get; init; }
    public JsonElement? Input { get; init; }
    /// <summary><c>float</c> (default) or <c>base64</c> (little-endian float32).</summary>
    public string? EncodingFormat { get; init; }
    public int? Dimensions { get; init; }
    public string? User { get; init; }
}

/// <summary>OpenAI's embedding list; <see cref="EmbeddingItem.Embedding"/> is a number array or a base64 string.</summary>
public sealed record EmbeddingList(string Object, IReadOnlyList<EmbeddingItem> Data, string Model, EmbeddingUsage Usage);

public sealed record EmbeddingItem(string Object, int Index, JsonNode Embedding);

public sealed record EmbeddingUsage(long PromptTokens, long TotalTokens);
