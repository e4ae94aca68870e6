using System.Text.Json.Nodes;

namespace OpenClaw.Bench.Chat;

/// <summary>The gateway's <c>openclaw.json</c> for the chat phase: provider <c>stub</c> (OpenAI completions at the
/// bench's zero-delay stub) as the default agent model.</summary>
internal static class StubGatewayConfig
{
    public const string ModelId = "echo";

    public static string For(string stubBaseUrl) => new JsonObject
    {
        ["models"] = new JsonObject
        {
            ["providers"] = new JsonObject
            {
                ["stub"] = new JsonObject
                {
                    ["baseUrl"] = stubBaseUrl,
                    ["apiKey"] = "x",
                    ["api"] = "openai-completions",
                    ["models"] = new JsonArray(new JsonObject { ["id"] = ModelId, ["contextWindow"] = 128000 }),
                },
            },
        },
        ["agents"] = new JsonObject
        {
            ["defaults"] = new JsonObject { ["model"] = new JsonObject { ["primary"] = "stub/" + ModelId } },
        },
    }.ToJsonString();
}
