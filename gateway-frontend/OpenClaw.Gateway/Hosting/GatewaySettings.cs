using System.Net;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Gateway.Hosting;

/// <summary>
/// The gateway's resolved listen and auth settings (flags over env over config), fixed for the process lifetime.
/// Built by <see cref="GatewaySettingsResolver"/>.
/// </summary>
public sealed class GatewaySettings
{
    public int Port { get; init; } = GatewayConfig.DefaultPort;

    /// <summary>The bind mode as configured: <c>loopback</c>, <c>lan</c> or <c>custom</c>.</summary>
    public string Bind { get; init; } = "loopback";
    public IReadOnlyList<IPAddress> ListenAddresses { get; init; } = [IPAddress.Loopback];

    /// <summary>One of <see cref="GatewayAuthModes"/>.</summary>
    public string AuthMode { get; init; } = GatewayAuthModes.Token;
    public string? Token { get; init; }
    public string? Password { get; init; }

    /// <summary>Set when no secret was configured and a token was generated (and persisted) at this path.</summary>
    public string? GeneratedTokenPath { get; init; }
    public AuthRateLimitConfig RateLimit { get; init; } = new();

    /// <summary>How long a new socket may take to complete <c>connect</c> (<c>OPENCLAW_HANDSHAKE_TIMEOUT_MS</c>).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>State directory, reported as <c>hello-ok.snapshot.stateDir</c>.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Config file path, reported as <c>hello-ok.snapshot.configPath</c>.</summary>
    public string? ConfigPath { get; init; }
}
