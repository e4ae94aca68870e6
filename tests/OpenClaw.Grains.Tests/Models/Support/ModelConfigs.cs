using System.Text.Json.Nodes;
using OpenClaw.Configuration;
using OpenClaw.TestStubs;

namespace OpenClaw.Grains.Tests.Models.Support;

/// <summary>
/// Builds <c>models.providers</c> configs pointing at the stub servers and loads them through the real config
/// loader, so the tests exercise the same typed view the gateway gets from openclaw.json.
/// </summary>
public sealed class ModelConfigs
{
    private readonly JsonObject _providers = [];

    public ModelConfigs OpenAi(string id, OpenAiStubServer stub, params string[] models) =>
        Add(id, stub.BaseUrl, "openai-completions", models);

    public ModelConfigs Anthropic(string id, AnthropicStubServer stub, params string[] models) =>
        Add(id, stub.BaseUrl, "anthropic-messages", models);

    public ModelConfigs Add(string id, string baseUrl, string api, string[] models, int? timeoutSeconds = null, int? maxTokens = null)
    {
        var provider = new JsonObject
        {
            ["baseUrl"] = baseUrl,
            ["apiKey"] = $"sk-test-{id}",
            ["api"] = api,
            ["models"] = new JsonArray(models.Select(m => (JsonNode)new JsonObject { ["id"] = m, ["name"] = m }).ToArray()),
        };
        if (timeoutSeconds is { } seconds)
            provider["timeoutSeconds"] = seconds;
        if (maxTokens is { } max)
            foreach (var model in provider["models"]!.AsArray())
                model!["maxTokens"] = max;
        _providers[id] = provider;
        return this;
    }

    public ConfigSnapshot Snapshot()
    {
        var root = _providers.Count == 0 ? new JsonObject() : new JsonObject { ["models"] = new JsonObject { ["providers"] = _providers.DeepClone() } };
        return Load(root.ToJsonString());
    }

    public OpenClawConfigSource Source() => new(Snapshot());

    public static ConfigSnapshot Load(string json)
    {
        var directory = Directory.CreateTempSubdirectory("openclaw-models-");
        try
        {
            var path = Path.Combine(directory.FullName, "openclaw.json");
            File.WriteAllText(path, json);
            return new OpenClawConfigLoader(_ => null, directory.FullName).Load(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
