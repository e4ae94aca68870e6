using System.Text.Json.Nodes;
using OpenClaw.Gateway.Tests.Infrastructure;
using OpenClaw.TestStubs;

namespace OpenClaw.Gateway.Tests.Chat;

/// <summary>
/// A real embedded gateway whose default agent talks to an OpenAI-compatible stub on loopback. Models:
/// <see cref="EchoModel"/> (the default, answers <c>echo: &lt;last user text&gt;</c> in two chunks) and
/// <see cref="SlowModel"/> (many chunks with a delay each, for mid-stream aborts and waits). Each test class gets its
/// own, and tests isolate by session key.
/// </summary>
public sealed class StubModelGateway : IAsyncLifetime
{
    public const string EchoModel = "stub-echo";
    public const string SlowModel = "stub-slow";
    public const string SlowModelRef = "stub/" + SlowModel;

    private OpenAiStubServer? _stub;
    private TestGateway? _gateway;

    public OpenAiStubServer Stub => _stub ?? throw new InvalidOperationException("fixture not started");
    public TestGateway Gateway => _gateway ?? throw new InvalidOperationException("fixture not started");
    public Uri BaseAddress => Gateway.BaseAddress;

    public async Task InitializeAsync()
    {
        _stub = await OpenAiStubServer.StartAsync([EchoModel, SlowModel]);
        _stub.SetReplyForModel(SlowModel, new StubReply
        {
            TextChunks = [.. Enumerable.Range(0, 40).Select(i => $"chunk{i} ")],
            ChunkDelay = TimeSpan.FromMilliseconds(150),
        });
        _gateway = await TestGateway.StartAsync(configJson: ConfigFor(_stub.BaseUrl));
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        if (_stub is not null) await _stub.DisposeAsync();
    }

    /// <summary>openclaw.json with provider <c>stub</c> at <paramref name="baseUrl"/> as every agent's model.</summary>
    public static string ConfigFor(string baseUrl) => new JsonObject
    {
        ["models"] = new JsonObject
        {
            ["providers"] = new JsonObject
            {
                ["stub"] = new JsonObject
                {
                    ["baseUrl"] = baseUrl,
                    ["apiKey"] = "sk-test-stub",
                    ["api"] = "openai-completions",
                    ["models"] = new JsonArray(
                        new JsonObject { ["id"] = EchoModel, ["name"] = EchoModel },
                        new JsonObject { ["id"] = SlowModel, ["name"] = SlowModel }),
                },
            },
        },
        ["agents"] = new JsonObject
        {
            ["defaults"] = new JsonObject { ["model"] = new JsonObject { ["primary"] = "stub/" + EchoModel } },
            ["entries"] = new JsonObject { ["main"] = new JsonObject(), ["ops"] = new JsonObject() },
        },
    }.ToJsonString();

    /// <summary>A CLI connection with the given scopes (admin+read+write when none) and client caps.</summary>
    public async Task<GatewayTestClient> ConnectAsync(string[]? scopes = null, params string[] caps)
    {
        var connect = ConnectParamsBuilder.Cli(scopes: scopes ?? []);
        connect["caps"] = new JsonArray([.. caps.Select(c => JsonValue.Create(c))]);
        var (client, _) = await GatewayTestClient.ConnectAsync(BaseAddress, connect);
        return client;
    }

    public static string NewSessionKey(string prefix = "test") => $"agent:main:{prefix}-{Guid.NewGuid():N}";
}
