using OpenClaw.Configuration.Model;

namespace OpenClaw.Grains.Agents.Models;

/// <summary>What a provider entry means when it leaves a field out.</summary>
public static class ProviderDefaults
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    public const string OpenAiBaseUrl = "https://api.openai.com/v1";
    public const string AnthropicBaseUrl = "https://api.anthropic.com";

    /// <summary>Anthropic requires <c>max_tokens</c>; used when neither the request nor the model entry sets it.</summary>
    public const int AnthropicMaxTokens = 4096;

    public static TimeSpan TimeoutOf(ModelProviderConfig provider) =>
        provider.TimeoutSeconds is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : Timeout;

    public static ModelDefinitionConfig? ModelOf(ModelProviderConfig provider, string modelId) =>
        provider.Models.FirstOrDefault(m => string.Equals(m.Id, modelId, StringComparison.Ordinal));
}
