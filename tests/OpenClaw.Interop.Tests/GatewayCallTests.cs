using System.Text.Json.Nodes;
using OpenClaw.Interop.Tests.Infrastructure;

namespace OpenClaw.Interop.Tests;

/// <summary>The real <c>openclaw gateway call</c> against our gateway process, asserting on what the CLI printed.</summary>
[Collection(InteropCollection.Name)]
public sealed class GatewayCallTests(InteropFixture fixture)
{
    [Fact]
    public async Task GatewayCallHealth_ValidToken_PrintsHealthPayload()
    {
        var result = await fixture.GatewayCallAsync("health");

        Assert.True(result.ExitCode == 0, result.ToString());
        var health = OpenClawCli.ParseJsonOutput(result);
        Assert.True(health["ok"]!.GetValue<bool>());
        Assert.Equal("main", health["defaultAgentId"]!.GetValue<string>());
        Assert.Contains(health["agents"]!.AsArray(), a => a!["agentId"]!.GetValue<string>() == "main");
        Assert.True(health["ts"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task GatewayCallStatus_ValidToken_PrintsRuntimeVersionAndSessions()
    {
        var result = await fixture.GatewayCallAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        var status = OpenClawCli.ParseJsonOutput(result);
        Assert.False(string.IsNullOrEmpty(status["runtimeVersion"]!.GetValue<string>()));
        Assert.True(status["sessions"]!["count"]!.GetValue<int>() >= 1);
        Assert.True(status["pid"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task GatewayCallConfigGet_ProviderApiKey_IsRedacted()
    {
        var result = await fixture.GatewayCallAsync("config.get");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(InteropFixture.ProviderApiKey, result.StdOut, StringComparison.Ordinal);
        var config = OpenClawCli.ParseJsonOutput(result);
        Assert.True(config["exists"]!.GetValue<bool>());
        Assert.Equal("__OPENCLAW_REDACTED__", config["parsed"]!["models"]!["providers"]!["stub"]!["apiKey"]!.GetValue<string>());
        Assert.StartsWith(fixture.Gateway.StateDirectory, config["path"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayCallSessionsList_SeededStore_ListsSeededSession()
    {
        var result = await fixture.GatewayCallAsync("sessions.list", """{"limit":10}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        var list = OpenClawCli.ParseJsonOutput(result);
        var sessions = list["sessions"]!.AsArray();
        var seeded = Assert.Single(sessions, s => s!["key"]!.GetValue<string>() == InteropFixture.SeededSessionKey);
        Assert.Equal("seeded by the interop test", seeded!["label"]!.GetValue<string>());
        Assert.False(list["hasMore"]!.GetValue<bool>());
    }

    [Fact]
    public async Task GatewayCall_BadToken_FailsWithTokenMismatch()
    {
        var result = await fixture.GatewayCallAsync("health", token: "not-the-token");

        Assert.NotEqual(0, result.ExitCode);
        var combined = result.StdOut + result.StdErr;
        Assert.Contains("AUTH_TOKEN_MISMATCH", combined, StringComparison.Ordinal);
        Assert.Contains("gateway token mismatch", combined, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayCall_UnknownMethod_FailsWithUnknownMethodError()
    {
        var result = await fixture.GatewayCallAsync("compat.no_such_method");

        Assert.NotEqual(0, result.ExitCode);
        var combined = result.StdOut + result.StdErr;
        Assert.Contains("unknown method: compat.no_such_method", combined, StringComparison.Ordinal);
        Assert.Contains("INVALID_REQUEST", combined, StringComparison.Ordinal);
    }
}
