using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Configuration;

namespace OpenClaw.Grains.Agents.Models.Embeddings;

/// <summary>
/// Which OpenAI-compatible <c>/embeddings</c> endpoint and model serve an agent, from the config openclaw reads for
/// it: <c>agents.entries.&lt;id&gt;.memorySearch</c>, else <c>agents.defaults.memorySearch</c> —
/// <c>{provider ("openai"), model, remote:{baseUrl, apiKey}}</c>. Without <c>remote.baseUrl</c> the provider's
/// <c>models.providers.&lt;provider&gt;</c> entry supplies base URL and key; a provider that is neither is not
/// configured. A model override (<c>x-openclaw-model</c>) may name the model, or <c>provider/model</c> of the same
/// provider only (as openclaw's <c>embeddings-http.ts</c>).
/// </summary>
internal sealed record EmbeddingTarget(string Provider, string BaseUrl, string? ApiKey, string Model)
{
    public const string DefaultProvider = "openai";
    public const string DefaultOpenAiModel = "text-embedding-3-small";

    public static EmbeddingTarget? Resolve(ConfigSnapshot config, string agentId, string? modelOverride, out string? invalid)
    {
        invalid = null;
        var agents = config.Parsed["agents"] as JsonObject;
        var search = (agents?["entries"]?[agentId]?["memorySearch"] ?? agents?["defaults"]?["memorySearch"]) as JsonObject;
        var provider = String(search, "provider") is { Length: > 0 } named && named != "auto" ? named.ToLowerInvariant() : DefaultProvider;
        var remote = search?["remote"] as JsonObject;
        var providerEntry = config.Config.Models.Providers.TryGetValue(provider, out var entry) ? entry : null;
        var baseUrl = String(remote, "baseUrl") ?? providerEntry?.BaseUrl;
        if (search is null && providerEntry is null || string.IsNullOrWhiteSpace(baseUrl)) return null;

        var model = String(search, "model") ?? (provider == DefaultProvider ? DefaultOpenAiModel : null);
        if (modelOverride?.Trim() is { Length: > 0 } requested)
        {
            var slash = requested.IndexOf('/');
            if (slash >= 0 && !string.Equals(requested[..slash].Trim(), provider, StringComparison.OrdinalIgnoreCase))
            {
                invalid = "This agent does not allow that embedding provider on `/v1/embeddings`.";
                return null;
            }

            model = slash >= 0 ? requested[(slash + 1)..].Trim() : requested;
            if (model.Length == 0)
            {
                invalid = "Unsupported embedding model reference.";
                return null;
            }
        }

        if (string.IsNullOrEmpty(model)) return null; // a non-OpenAI provider has no default model

        return new EmbeddingTarget(provider, baseUrl, String(remote, "apiKey") ?? providerEntry?.ApiKey, model);
    }

    private static string? String(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Trim() is { Length: > 0 } text ? text : null;
}
