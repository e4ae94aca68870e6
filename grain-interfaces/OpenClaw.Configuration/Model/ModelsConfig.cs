using System.Collections.Immutable;

namespace OpenClaw.Configuration.Model;

/// <summary><c>models</c>: model providers and their catalogues.</summary>
public sealed record ModelsConfig
{
    /// <summary><c>merge</c> or <c>replace</c> (with the built-in catalogue); null when not set.</summary>
    public string? Mode { get; init; }
    public IReadOnlyDictionary<string, ModelProviderConfig> Providers { get; init; } =
        ImmutableDictionary<string, ModelProviderConfig>.Empty;
}

/// <summary><c>models.providers.&lt;id&gt;</c>.</summary>
public sealed record ModelProviderConfig
{
    public required string Id { get; init; }
    public string? BaseUrl { get; init; }
    public string? ApiKey { get; init; }

    /// <summary>Wire API, e.g. <c>openai-completions</c>, <c>openai-responses</c>, <c>anthropic-messages</c>.</summary>
    public string? Api { get; init; }
    public int? TimeoutSeconds { get; init; }
    public IReadOnlyList<ModelDefinitionConfig> Models { get; init; } = ImmutableArray<ModelDefinitionConfig>.Empty;
}

/// <summary>One entry of <c>models.providers.&lt;id&gt;.models[]</c>.</summary>
public sealed record ModelDefinitionConfig
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public bool Reasoning { get; init; }

    /// <summary>Input kinds, e.g. <c>text</c>, <c>image</c>.</summary>
    public IReadOnlyList<string> Input { get; init; } = ImmutableArray<string>.Empty;
    public int? ContextWindow { get; init; }
    public int? MaxTokens { get; init; }
}
