using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Testing;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>Password and none modes, and the per-IP auth lockout; each case runs its own gateway.</summary>
public sealed class AuthModeTests
{
    [Fact]
    public async Task Connect_PasswordMode_RightPasswordAcceptedWrongAndMissingRejected()
    {
        await using var gateway = await TestGateway.StartAsync(overrides: new GatewayOverrides(Port: 0, Password: "s3cret"));

        var good = ConnectParamsBuilder.Cli(token: null);
        good["auth"] = new JsonObject { ["password"] = "s3cret" };
        var (client, hello) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, good);
        await using var ownedClient = client;
        Assert.Equal("password", hello.Auth.Method);
        Assert.Equal("password", hello.Snapshot.AuthMode);

        var wrong = ConnectParamsBuilder.Cli(token: null);
        wrong["auth"] = new JsonObject { ["password"] = "nope" };
        var mismatch = await RejectedAsync(gateway, wrong);
        Assert.Equal("AUTH_PASSWORD_MISMATCH", (string?)mismatch.Details!["code"]);
        Assert.Equal("password_mismatch", (string?)mismatch.Details["authReason"]);

        var missing = await RejectedAsync(gateway, ConnectParamsBuilder.Cli(token: "a-token-is-not-a-password"));
        Assert.Equal("AUTH_PASSWORD_MISSING", (string?)missing.Details!["code"]);
    }

    [Fact]
    public async Task Connect_AuthNone_LoopbackClientKeepsScopesWithoutSecret()
    {
        await using var gateway = await TestGateway.StartAsync(
            configJson: """{"gateway":{"auth":{"mode":"none"}}}""",
            overrides: new GatewayOverrides(Port: 0));

        var (client, hello) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress,
            ConnectParamsBuilder.Build("openclaw-tui", "ui", token: null, [OperatorScopes.Read]));
        await using var ownedClient = client;

        Assert.Equal("none", hello.Auth.Method);
        Assert.Equal([OperatorScopes.Read], hello.Auth.Scopes);
        Assert.True((await client.RequestAsync("test.echo", new JsonObject())).Ok);
    }

    [Fact]
    public async Task Connect_TenFailures_LockedOutEvenWithRightTokenUntilLockoutPasses()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(configureServices: services =>
            services.AddSingleton<IAuthRateLimiter>(new AuthRateLimiter(new AuthRateLimitConfig(), clock)));

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var failure = await RejectedAsync(gateway, ConnectParamsBuilder.Cli(token: "wrong"));
            Assert.Equal("AUTH_TOKEN_MISMATCH", (string?)failure.Details!["code"]);
        }

        var limited = await RejectedAsync(gateway, ConnectParamsBuilder.Cli());
        Assert.Equal(ErrorCodes.InvalidRequest, limited.Code);
        Assert.Equal("AUTH_RATE_LIMITED", (string?)limited.Details!["code"]);
        Assert.True(limited.Retryable);
        Assert.Equal(300_000, limited.RetryAfterMs);

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var (client, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Connect_FailuresOutsideWindow_DoNotAccumulate()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var limiter = new AuthRateLimiter(new AuthRateLimitConfig { MaxAttempts = 3 }, clock);
        var client = System.Net.IPAddress.Loopback;

        limiter.RecordFailure(client);
        limiter.RecordFailure(client);
        clock.Advance(TimeSpan.FromSeconds(61));
        limiter.RecordFailure(client);
        Assert.Null(limiter.RetryAfter(client));

        limiter.RecordFailure(client);
        limiter.RecordFailure(client);
        Assert.Equal(TimeSpan.FromMinutes(5), limiter.RetryAfter(client));
    }

    private static async Task<ErrorShape> RejectedAsync(TestGateway gateway, JsonObject connect)
    {
        await using var client = await GatewayTestClient.OpenAsync(gateway.BaseAddress);
        await client.ReadChallengeAsync();
        var response = await client.SendConnectAsync(connect);
        Assert.False(response.Ok);
        Assert.Equal(1008, (await client.WaitForCloseAsync()).Code);
        return response.Error!;
    }
}
