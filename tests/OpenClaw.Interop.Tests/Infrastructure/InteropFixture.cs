using System.Text.Json.Nodes;

namespace OpenClaw.Interop.Tests.Infrastructure;

/// <summary>
/// One gateway process and the real CLI for the whole collection. The state dir is seeded with a config written
/// for the real OpenClaw and a sessions.json in OpenClaw's layout, so the CLI sees real data through our gateway.
/// </summary>
public sealed class InteropFixture : IAsyncLifetime
{
    public const string Token = "interop-token-8f3a2c1d9e7b4a60";
    public const string ProviderApiKey = "sk-interop-secret-5d1e9c";
    public const string SeededSessionKey = "agent:main:interop-seeded";

    public GatewayProcess Gateway { get; private set; } = null!;
    public OpenClawCli Cli { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cli = OpenClawCli.Locate();
        Gateway = await GatewayProcess.StartAsync(Token, SeedStateAsync);
    }

    public async Task DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
    }

    /// <summary>Runs <c>openclaw gateway call METHOD --url … --token … --json</c>.</summary>
    public Task<ProcessResult> GatewayCallAsync(string method, string? paramsJson = null, string? token = null)
    {
        List<string> args = ["gateway", "call", method, "--url", Gateway.WebSocketUrl.ToString().TrimEnd('/'), "--token", token ?? Token, "--json"];
        if (paramsJson is not null) args.AddRange(["--params", paramsJson]);
        return Cli.RunAsync(args);
    }

    private static async Task SeedStateAsync(string stateDirectory)
    {
        var config = new JsonObject
        {
            ["gateway"] = new JsonObject { ["mode"] = "local", ["bind"] = "loopback" },
            ["models"] = new JsonObject
            {
                ["providers"] = new JsonObject
                {
                    ["stub"] = new JsonObject
                    {
                        ["baseUrl"] = "http://127.0.0.1:9/v1",
                        ["apiKey"] = ProviderApiKey,
                        ["api"] = "openai-completions",
                        ["models"] = new JsonArray(new JsonObject { ["id"] = "stub-echo", ["name"] = "Stub Echo", ["contextWindow"] = 128000 }),
                    },
                },
            },
            ["agents"] = new JsonObject { ["defaults"] = new JsonObject { ["model"] = new JsonObject { ["primary"] = "stub/stub-echo" } } },
        };
        await File.WriteAllTextAsync(Path.Combine(stateDirectory, "openclaw.json"), config.ToJsonString());

        var sessionsDir = Path.Combine(stateDirectory, "agents", "main", "sessions");
        Directory.CreateDirectory(sessionsDir);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var sessions = new JsonObject
        {
            [SeededSessionKey] = new JsonObject
            {
                ["key"] = SeededSessionKey,
                ["sessionId"] = "0f2f4d6e-1111-4c3b-9a51-3c1de0a0b001",
                ["kind"] = "direct",
                ["label"] = "seeded by the interop test",
                ["updatedAt"] = now,
                ["createdAt"] = now - 60_000,
            },
        };
        await File.WriteAllTextAsync(Path.Combine(sessionsDir, "sessions.json"), sessions.ToJsonString());
    }
}

[CollectionDefinition(Name)]
public sealed class InteropCollection : ICollectionFixture<InteropFixture>
{
    public const string Name = "interop";
}
