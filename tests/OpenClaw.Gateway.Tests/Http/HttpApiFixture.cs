using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Tests.Infrastructure;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.TestStubs;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary>
/// A real embedded gateway with the OpenAI-compatible endpoints enabled and an OpenAI stub as every agent's model:
/// agents <c>main</c> (echo), <c>helper</c> (echo) and <c>slow</c> (many delayed chunks, for aborts). The main
/// agent's workspace is a temp folder tests can put files in. Tests isolate by session key.
/// </summary>
public sealed class HttpApiFixture : IAsyncLifetime
{
    public const string EchoModel = "stub-echo";
    public const string SlowModel = "stub-slow";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan KeepAlive = TimeSpan.FromMilliseconds(300);

    private OpenAiStubServer? _stub;
    private TestGateway? _gateway;

    public OpenAiStubServer Stub => _stub ?? throw new InvalidOperationException("fixture not started");
    public TestGateway Gateway => _gateway ?? throw new InvalidOperationException("fixture not started");
    public string Workspace { get; } = Directory.CreateTempSubdirectory("openclaw-http-ws-").FullName;

    public async Task InitializeAsync()
    {
        _stub = await OpenAiStubServer.StartAsync([EchoModel, SlowModel]);
        _stub.SetReplyForModel(SlowModel, new StubReply
        {
            // 30 s of chunks: long enough that an abort under a fully loaded CI machine still lands before the run ends.
            TextChunks = [.. Enumerable.Range(0, 300).Select(i => $"chunk{i} ")],
            ChunkDelay = TimeSpan.FromMilliseconds(100),
        });
        _gateway = await TestGateway.StartAsync(
            configureServices: services => services.Configure<HttpApiOptions>(o => o.KeepAliveInterval = KeepAlive),
            configJson: Config(_stub.BaseUrl, Workspace, endpointsEnabled: true));
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        if (_stub is not null) await _stub.DisposeAsync();
        Directory.Delete(Workspace, recursive: true);
    }

    public static string Config(string stubBaseUrl, string workspace, bool endpointsEnabled) => new JsonObject
    {
        ["gateway"] = new JsonObject
        {
            ["http"] = new JsonObject
            {
                ["endpoints"] = new JsonObject
                {
                    ["chatCompletions"] = new JsonObject { ["enabled"] = endpointsEnabled },
                    ["responses"] = new JsonObject { ["enabled"] = endpointsEnabled },
                },
            },
        },
        ["models"] = new JsonObject
        {
            ["providers"] = new JsonObject
            {
                ["stub"] = new JsonObject
                {
                    ["baseUrl"] = stubBaseUrl,
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
            ["entries"] = new JsonObject
            {
                ["main"] = new JsonObject { ["workspace"] = workspace },
                ["helper"] = new JsonObject(),
                ["slow"] = new JsonObject { ["model"] = new JsonObject { ["primary"] = "stub/" + SlowModel } },
            },
        },
        ["channels"] = new JsonObject { ["telegram"] = new JsonObject { ["botToken"] = "123:abc" } },
    }.ToJsonString();

    /// <summary>An HttpClient on the gateway with the test bearer token (none when <paramref name="token"/> is empty).</summary>
    public HttpClient Client(string? token = GatewayTestClient.DefaultToken)
    {
        var http = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = Timeout };
        if (!string.IsNullOrEmpty(token)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public IChatSessionGrain Session(string sessionKey) =>
        Gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IChatSessionGrain>(sessionKey);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static string NewSessionKey(string agentId = "main") => $"agent:{agentId}:http-test-{Guid.NewGuid():N}";

    /// <summary>Polls until <paramref name="condition"/> holds, at most <see cref="Timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting for {what}.");
    }
}
