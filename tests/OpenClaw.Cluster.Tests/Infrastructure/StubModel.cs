using System.Text.Json.Nodes;
using OpenClaw.TestStubs;

namespace OpenClaw.Cluster.Tests.Infrastructure;

/// <summary>
/// The OpenAI-compatible stub on loopback that the silos' agent runs call, and the OpenClaw config pointing every
/// agent at it. Echo by default; <see cref="Stall"/> makes the next runs stream slowly so a test can act mid-run.
/// </summary>
public sealed class StubModel : IAsyncDisposable
{
    public const string Model = "stub-echo";

    private StubModel(OpenAiStubServer server) => Server = server;

    public OpenAiStubServer Server { get; }

    public static async Task<StubModel> StartAsync() => new(await OpenAiStubServer.StartAsync([Model]));

    /// <summary>From now on every run streams <paramref name="chunks"/> chunks, <paramref name="delay"/> apart.</summary>
    public void Stall(int chunks = 200, int delayMs = 100) => Server.SetDefault(new StubReply
    {
        TextChunks = [.. Enumerable.Range(0, chunks).Select(i => $"slow{i} ")],
        ChunkDelay = TimeSpan.FromMilliseconds(delayMs),
    });

    public void Echo() => Server.SetDefault(null);

    /// <summary>How many model requests carried <paramref name="userText"/> as the last user message.</summary>
    public int RequestsFor(string userText) => Server.Requests.Count(r => LastUserText(r.Body) == userText);

    private static string? LastUserText(JsonObject? body)
    {
        var last = (body?["messages"] as JsonArray)?.OfType<JsonObject>().LastOrDefault(m => (string?)m["role"] == "user");
        return last?["content"] switch
        {
            JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
            JsonArray parts => string.Concat(parts.OfType<JsonObject>().Select(p => (string?)p["text"])),
            _ => null,
        };
    }

    public string ConfigJson() => new JsonObject
    {
        ["models"] = new JsonObject
        {
            ["providers"] = new JsonObject
            {
                ["stub"] = new JsonObject
                {
                    ["baseUrl"] = Server.BaseUrl,
                    ["apiKey"] = "sk-test-stub",
                    ["api"] = "openai-completions",
                    ["models"] = new JsonArray(new JsonObject { ["id"] = Model, ["name"] = Model }),
                },
            },
        },
        ["agents"] = new JsonObject
        {
            ["defaults"] = new JsonObject { ["model"] = new JsonObject { ["primary"] = "stub/" + Model } },
            ["entries"] = new JsonObject { ["main"] = new JsonObject() },
        },
    }.ToJsonString();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
