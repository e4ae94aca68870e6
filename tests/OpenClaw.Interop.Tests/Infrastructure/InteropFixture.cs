using System.Text.Json.Nodes;
using OpenClaw.TestStubs;

namespace OpenClaw.Interop.Tests.Infrastructure;

/// <summary>
/// One gateway process and the real CLI for the whole collection. The state dir is seeded with a config written
/// for the real OpenClaw and a sessions.json in OpenClaw's layout, so the CLI sees real data through our gateway.
/// The config's model provider is an OpenAI-compatible stub in this test process (it answers
/// <c>echo: &lt;last user text&gt;</c>), so agent runs of the gateway process really call a model.
/// </summary>
public sealed class InteropFixture : IAsyncLifetime
{
    public const string Token = "interop-token-8f3a2c1d9e7b4a60";
    public const string ProviderApiKey = "sk-interop-secret-5d1e9c";
    public const string SeededSessionKey = "agent:main:interop-seeded";

    public GatewayProcess Gateway { get; private set; } = null!;
    public OpenClawCli Cli { get; private set; } = null!;
    public OpenAiStubServer ModelStub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cli = OpenClawCli.Locate();
        ModelStub = await OpenAiStubServer.StartAsync(["stub-echo"]);
        Gateway = await GatewayProcess.StartAsync(Token, stateDirectory => SeedStateAsync(stateDirectory, ModelStub.BaseUrl));
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Gateway is not null) await Gateway.DisposeAsync();
        }
        finally
        {
            if (ModelStub is not null) await ModelStub.DisposeAsync();
        }
    }

    /// <summary>Runs <c>openclaw gateway call METHOD --url … --token … --json</c>.</summary>
    public Task<ProcessResult> GatewayCallAsync(string method, string? paramsJson = null, string? token = null)
    {
        List<string> args = ["gateway", "call", method, "--url", Gateway.WebSocketUrl.ToString().TrimEnd('/'), "--token", token ?? Token, "--json"];
        if (paramsJson is not null) args.AddRange(["--params", paramsJson]);
        return Cli.RunAsync(args);
    }

    private static async Task SeedStateAsync(string stateDirectory, string modelBaseUrl)
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
                        ["baseUrl"] = modelBaseUrl,
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
