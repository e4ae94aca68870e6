using System.Text.Json.Nodes;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Configuration.Binding;

/// <summary>Binds <c>models</c>: mode and providers with their model catalogues (cost and compat blocks are not read).</summary>
internal static class ModelsSectionBinder
{
    public static readonly IReadOnlyList<string> Modes = ["merge", "replace"];

    public static ModelsConfig Bind(JsonObject? section, ConfigBindingContext context)
    {
        if (section is null)
        {
            return new ModelsConfig();
        }
        var providers = new Dictionary<string, ModelProviderConfig>(StringComparer.Ordinal);
        if (context.Object(section, "providers", "models.providers") is { } providersNode)
        {
            foreach (var (id, node) in providersNode)
            {
                var path = $"models.providers.{id}";
                if (context.Object(providersNode, id, path) is { } provider)
                {
                    providers[id] = BindProvider(id, provider, path, context);
                }
            }
        }
        return new ModelsConfig
        {
            Mode = context.Enum(section, "mode", "models.mode", Modes),
            Providers = providers,
        };
    }

    private static ModelProviderConfig BindProvider(string id, JsonObject provider, string path, ConfigBindingContext context) =>
        new()
        {
            Id = id,
            BaseUrl = context.String(provider, "baseUrl", $"{path}.baseUrl", allowEmpty: false),
            ApiKey = BindApiKey(provider, $"{path}.apiKey", context),
            Api = context.String(provider, "api", $"{path}.api", allowEmpty: false),
            TimeoutSeconds = context.Int(provider, "timeoutSeconds", $"{path}.timeoutSeconds", 1),
            Models = BindModels(provider, $"{path}.models", context),
        };

    /// <summary>A plain string; a SecretRef object (<c>{ source, id }</c>) is accepted but not resolved yet.</summary>
    private static string? BindApiKey(JsonObject provider, string path, ConfigBindingContext context)
    {
        if (provider.TryGetPropertyValue("apiKey", out var node) && node is JsonObject)
        {
            context.Warn(path, "secret references are not resolved by this gateway yet; the provider has no API key");
            return null;
        }
        return context.String(provider, "apiKey", path);
    }

    private static IReadOnlyList<ModelDefinitionConfig> BindModels(JsonObject provider, string path, ConfigBindingContext context)
    {
        var array = context.Array(provider, "models", path);
        if (array is null)
        {
            return [];
        }
        var models = new List<ModelDefinitionConfig>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (array[i] is not JsonObject model)
            {
                context.ErrorAt(array[i] ?? array, itemPath, $"expected an object, got {Loading.JsonNodes.TypeName(array[i])}");
                continue;
            }
            var id = context.String(model, "id", $"{itemPath}.id", allowEmpty: false);
            if (id is null)
            {
                if (!model.ContainsKey("id"))
                {
                    context.ErrorAt(model, $"{itemPath}.id", "required");
                }
                continue;
            }
            models.Add(new ModelDefinitionConfig
            {
                Id = id,
                Name = context.String(model, "name", $"{itemPath}.name"),
                Reasoning = context.Bool(model, "reasoning", $"{itemPath}.reasoning") ?? false,
                Input = context.StringList(model, "input", $"{itemPath}.input") ?? [],
                ContextWindow = context.Int(model, "contextWindow", $"{itemPath}.contextWindow", 1),
                MaxTokens = context.Int(model, "maxTokens", $"{itemPath}.maxTokens", 1),
            });
        }
        return models;
    }
}
