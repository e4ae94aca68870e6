using OpenClaw.Interop.Tests.Infrastructure;

namespace OpenClaw.Interop.Tests;

/// <summary>
/// The CLI's own commands (<c>openclaw health</c>, <c>openclaw status</c>), which take the gateway from a remote-mode
/// client config and connect as backend clients and probes.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class CliCommandTests(InteropFixture fixture)
{
    [Fact]
    public async Task OpenClawHealth_RemoteConfig_ReportsHealthyGateway()
    {
        var config = OpenClawCli.RemoteConfig(fixture.Gateway.WebSocketUrl, InteropFixture.Token);

        var result = await fixture.Cli.RunAsync(["health", "--json"], config);

        Assert.True(result.ExitCode == 0, result.ToString());
        var health = OpenClawCli.ParseJsonOutput(result);
        Assert.True(health["ok"]!.GetValue<bool>(), result.ToString());
        Assert.Equal("main", health["defaultAgentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenClawStatus_RemoteConfig_MarksGatewayReachable()
    {
        var config = OpenClawCli.RemoteConfig(fixture.Gateway.WebSocketUrl, InteropFixture.Token);

        var result = await fixture.Cli.RunAsync(["status", "--json"], config);

        Assert.True(result.ExitCode == 0, result.ToString());
        var status = OpenClawCli.ParseJsonOutput(result);
        Assert.True(status["gateway"]!["reachable"]!.GetValue<bool>(), result.ToString());
    }
}
