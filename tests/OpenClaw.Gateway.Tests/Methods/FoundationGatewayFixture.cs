using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors;
using OpenClaw.GrainInterfaces;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Methods;

/// <summary>
/// A real embedded gateway with the foundation methods and a config that exercises them: two model providers (one
/// local with an API key, one remote without), two agents, two channels, and secrets in every place config.get
/// must redact. Each test class gets its own, so session seeding in one class never changes another's counts.
/// </summary>
public sealed class FoundationGatewayFixture : IAsyncLifetime
{
    public const string GatewayConfigToken = "cfg-gateway-token-5f3a9c";
    public const string StubApiKey = "sk-stub-secret-9d1c77";
    public const string TelegramBotToken = "123456:tg-secret-abcdef";
    public const string DiscordWorkToken = "dc-secret-work-4411";
    public const string DiscordHomeToken = "dc-secret-home-8822";

    public static IReadOnlyList<string> Secrets { get; } =
        [GatewayConfigToken, StubApiKey, TelegramBotToken, DiscordWorkToken, DiscordHomeToken];

    public const string ConfigJson = $$"""
        {
          // JSON5: comments are allowed; the secret below must not leak through them either.
          "gateway": { "auth": { "mode": "token", "token": "{{GatewayConfigToken}}" } },
          "models": {
            "providers": {
              "stub": {
                "baseUrl": "http://127.0.0.1:28800/v1",
                "apiKey": "{{StubApiKey}}",
                "api": "openai-completions",
                "models": [ { "id": "stub-echo", "name": "Stub Echo", "input": ["text"], "contextWindow": 128000, "maxTokens": 4096 } ]
              },
              "remote": {
                "baseUrl": "https://api.example.com/v1",
                "api": "openai-completions",
                "models": [ { "id": "big", "reasoning": true, "input": ["text", "image"] } ]
              }
            }
          },
          "agents": {
            "defaults": { "model": { "primary": "stub/stub-echo" } },
            "entries": {
              "main": {},
              "ops": { "name": "Ops", "workspace": "/tmp/ops-workspace", "identity": { "emoji": "🛠" },
                       "model": { "primary": "remote/big", "fallbacks": ["stub/stub-echo"] } }
            }
          },
          "channels": {
            "telegram": { "botToken": "{{TelegramBotToken}}" },
            "discord": { "accounts": { "work": { "token": "{{DiscordWorkToken}}" }, "home": { "enabled": false, "token": "{{DiscordHomeToken}}" } } }
          }
        }
        """;

    private TestGateway? _gateway;

    public TestGateway Gateway => _gateway ?? throw new InvalidOperationException("fixture not started");
    public Uri BaseAddress => Gateway.BaseAddress;

    public async Task InitializeAsync() =>
        _gateway = await TestGateway.StartAsync(configJson: ConfigJson);

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    public ISessionIndexGrain SessionIndex(string agentId) =>
        Gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionIndexGrain>(GrainKeys.SessionIndex(agentId));

    /// <summary>A read-scoped CLI connection, as the real CLI opens for these methods.</summary>
    public async Task<GatewayTestClient> ConnectReaderAsync()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(BaseAddress, ConnectParamsBuilder.Cli(scopes: Protocol.OperatorScopes.Read));
        return client;
    }
}
