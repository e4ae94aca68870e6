using System.Net;
using System.Text.Json.Nodes;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Hosting;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>Flags over environment over config; the generated token; bind modes.</summary>
public sealed class GatewaySettingsResolverTests : IDisposable
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), $"openclaw-settings-{Guid.NewGuid():N}");

    [Fact]
    public void Resolve_FlagsEnvConfig_FlagsWinThenEnv()
    {
        var config = Snapshot(new GatewayConfig { Port = 1111, Auth = new GatewayAuthConfig { Token = "from-config" } });
        var env = new Dictionary<string, string?> { ["OPENCLAW_GATEWAY_PORT"] = "2222", ["OPENCLAW_GATEWAY_TOKEN"] = "from-env" };

        var fromEnv = GatewaySettingsResolver.Resolve(config, env.GetValueOrDefault, GatewayOverrides.None, _stateDirectory);
        var fromFlags = GatewaySettingsResolver.Resolve(config, env.GetValueOrDefault, new GatewayOverrides(3333, null, "from-flag", null), _stateDirectory);

        Assert.Equal((2222, "from-env"), (fromEnv.Port, fromEnv.Token));
        Assert.Equal((3333, "from-flag"), (fromFlags.Port, fromFlags.Token));
        Assert.Equal(GatewayAuthModes.Token, fromFlags.AuthMode);
        Assert.Null(fromFlags.GeneratedTokenPath);
    }

    [Fact]
    public void Resolve_NoSecretAnywhere_GeneratesTokenOnceAndReusesIt()
    {
        var config = Snapshot(new GatewayConfig());

        var first = GatewaySettingsResolver.Resolve(config, _ => null, GatewayOverrides.None, _stateDirectory);
        var second = GatewaySettingsResolver.Resolve(config, _ => null, GatewayOverrides.None, _stateDirectory);

        Assert.Equal(Path.Combine(_stateDirectory, "gateway-token"), first.GeneratedTokenPath);
        Assert.Equal(43, first.Token!.Length); // 32 random bytes, base64url without padding
        Assert.Equal(first.Token, second.Token);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.GeneratedTokenPath!));
        }
    }

    [Fact]
    public void Resolve_OnlyPassword_PasswordMode()
    {
        var settings = GatewaySettingsResolver.Resolve(Snapshot(new GatewayConfig()), _ => null, new GatewayOverrides(Password: "pw"), _stateDirectory);

        Assert.Equal(GatewayAuthModes.Password, settings.AuthMode);
        Assert.Null(settings.Token);
    }

    [Fact]
    public void Resolve_BindModes_ListenAddresses()
    {
        var lan = GatewaySettingsResolver.Resolve(Snapshot(new GatewayConfig { Bind = "lan" }), _ => null, new GatewayOverrides(Token: "t"), _stateDirectory);
        var loopback = GatewaySettingsResolver.Resolve(Snapshot(new GatewayConfig()), _ => null, new GatewayOverrides(Token: "t"), _stateDirectory);
        var custom = GatewaySettingsResolver.Resolve(
            Snapshot(new GatewayConfig { Bind = "custom" }, new JsonObject { ["gateway"] = new JsonObject { ["customBindHost"] = "10.1.2.3" } }),
            _ => null, new GatewayOverrides(Token: "t"), _stateDirectory);

        Assert.Equal([IPAddress.Any], lan.ListenAddresses);
        Assert.Contains(IPAddress.Loopback, loopback.ListenAddresses);
        Assert.Equal([IPAddress.Parse("10.1.2.3")], custom.ListenAddresses);
        Assert.Throws<InvalidOperationException>(() =>
            GatewaySettingsResolver.Resolve(Snapshot(new GatewayConfig { Bind = "tailnet" }), _ => null, new GatewayOverrides(Token: "t"), _stateDirectory));
    }

    [Fact]
    public void Resolve_HandshakeTimeoutEnv_Applied()
    {
        var env = new Dictionary<string, string?> { ["OPENCLAW_HANDSHAKE_TIMEOUT_MS"] = "2500" };

        var settings = GatewaySettingsResolver.Resolve(Snapshot(new GatewayConfig()), env.GetValueOrDefault, new GatewayOverrides(Token: "t"), _stateDirectory);

        Assert.Equal(TimeSpan.FromMilliseconds(2500), settings.HandshakeTimeout);
    }

    public void Dispose()
    {
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    private ConfigSnapshot Snapshot(GatewayConfig gateway, JsonObject? parsed = null) =>
        new(Path.Combine(_stateDirectory, "openclaw.json"), false, null, parsed ?? new JsonObject(),
            new OpenClawConfig { Gateway = gateway }, "sha256:test", [], [], []);
}
