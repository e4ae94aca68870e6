using Microsoft.AspNetCore.Builder;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Silo;

namespace OpenClaw.Gateway.Tests.Silo;

/// <summary>
/// What a user sees when starting the embedded gateway: flags parsed or refused with the usage, a broken config file
/// stopping startup with file, line and key, and a missing one meaning defaults.
/// </summary>
public sealed class SiloStartupTests : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("silo-startup-").FullName;

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    public void Parse_AllFlags_MapToOptions()
    {
        var options = SiloCommandLine.Parse(["--port", "19001", "--bind=lan", "--token", "t0k", "--state-dir", "/tmp/x", "--config", "/tmp/x/c.json"]);

        Assert.Equal(new GatewayOverrides(19001, "lan", "t0k", null), options.Overrides);
        Assert.Equal("/tmp/x", options.StateDirectory);
        Assert.Equal("/tmp/x/c.json", options.ConfigPath);
    }

    [Theory]
    [InlineData("--port", "0")]
    [InlineData("--port", "http")]
    [InlineData("--verbose", "1")]
    public void Parse_BadFlag_IsRefusedWithAMessage(string flag, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => SiloCommandLine.Parse([flag, value]));
        Assert.Contains(flag, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ConfigWithWrongType_FailsNamingFileLineAndKey()
    {
        await File.WriteAllTextAsync(Path.Combine(_stateDir, "openclaw.json"), "{\n  gateway: {\n    port: 'abc',\n  },\n}\n");

        var error = await Assert.ThrowsAsync<ConfigLoadException>(() => StartAsync());

        Assert.Contains("openclaw.json:3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("gateway.port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ConfigWithSyntaxError_FailsNamingTheLine()
    {
        await File.WriteAllTextAsync(Path.Combine(_stateDir, "openclaw.json"), "{\n  gateway: { port: 1,, },\n}\n");

        var error = await Assert.ThrowsAsync<ConfigLoadException>(() => StartAsync());

        Assert.Contains("openclaw.json:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoConfigFileAndNoSecret_ServesWithAGeneratedTokenKeptInTheStateDir()
    {
        await using (var app = await StartAsync())
        {
            Assert.Equal("http", EmbeddedHost.GetBaseAddress(app).Scheme);
        }
        var tokenFile = Path.Combine(_stateDir, "gateway-token");
        var first = await File.ReadAllTextAsync(tokenFile);

        await using (await StartAsync()) { }

        Assert.False(string.IsNullOrWhiteSpace(first));
        Assert.Equal(first, await File.ReadAllTextAsync(tokenFile));
    }

    private Task<WebApplication> StartAsync() => EmbeddedHost.StartAsync(new EmbeddedHostOptions
    {
        StateDirectory = _stateDir,
        Environment = new Dictionary<string, string?> { ["HOME"] = _stateDir },
        Overrides = new GatewayOverrides(0, null, null, null),
        ConsoleLogging = false,
    }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
}
