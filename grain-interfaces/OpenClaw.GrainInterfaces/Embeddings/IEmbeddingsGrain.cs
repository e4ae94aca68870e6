using OpenClaw.Actors;

namespace OpenClaw.GrainInterfaces.Embeddings;

/// <summary>
/// Embeddings with an agent's configured embedding provider (<c>agents.*.memorySearch</c>), for
/// <c>POST /v1/embeddings</c>. Key: the agent id. Stateless, so calls interleave.
/// </summary>
[GrainType("embeddings")]
public interface IEmbeddingsGrain : IGrainWithStringKey
{
    /// <summary>Never throws for provider trouble: failures are a <see cref="EmbeddingsResult.Status"/>.</summary>
    [AlwaysInterleave]
    Task<EmbeddingsResult> EmbedAsync(EmbeddingsRequest request, CancellationToken cancellationToken = default);
}

/// <param name="Inputs">The texts, in order.</param>
/// <param name="ModelOverride">A model (or <c>provider/model</c>) replacing the configured one (<c>x-openclaw-model</c>).</param>
/// <param name="Dimensions">Output dimensions the provider should produce, when it supports choosing.</param>
public sealed record EmbeddingsRequest(IReadOnlyList<string> Inputs, string? ModelOverride = null, int? Dimensions = null);

/// <summary>One vector per input (<see cref="EmbeddingsStatus.Ok"/>), or why there are none.</summary>
public sealed record EmbeddingsResult(string Status, IReadOnlyList<float[]> Vectors, long PromptTokens = 0, string? Error = null)
{
    public static EmbeddingsResult Failed(string status, string error) => new(status, [], Error: error);
}

public static class EmbeddingsStatus
{
    public const string Ok = "ok";
    /// <summary>No embedding provider is configured for the agent.</summary>
    public const string NotConfigured = "not_configured";
    /// <summary>The request asks for something the configuration does not allow (e.g. another provider).</summary>
    public const string Invalid = "invalid";
    /// <summary>The provider call failed.</summary>
    public const string Failed = "failed";
}
