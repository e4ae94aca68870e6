using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using OpenClaw.Configuration;

namespace OpenClaw.Gateway.Hosting;

/// <summary>Resolves <see cref="GatewaySettings"/>: CLI flags win over environment variables, which win over the config file.</summary>
public static class GatewaySettingsResolver
{
    public const string PortVariable = "OPENCLAW_GATEWAY_PORT";
    public const string TokenVariable = "OPENCLAW_GATEWAY_TOKEN";
    public const string PasswordVariable = "OPENCLAW_GATEWAY_PASSWORD";
    public const string HandshakeTimeoutVariable = "OPENCLAW_HANDSHAKE_TIMEOUT_MS";
    public const string GeneratedTokenFileName = "gateway-token";

    public static GatewaySettings Resolve(ConfigSnapshot config, Func<string, string?> getEnv, GatewayOverrides overrides, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(getEnv);
        ArgumentNullException.ThrowIfNull(overrides);
        var gateway = config.Config.Gateway;

        var port = overrides.Port ?? ParsePort(getEnv(PortVariable)) ?? gateway.Port;
        var bind = NonEmpty(overrides.Bind) ?? gateway.Bind;
        var token = NonEmpty(overrides.Token) ?? NonEmpty(getEnv(TokenVariable)) ?? NonEmpty(gateway.Auth.Token);
        var password = NonEmpty(overrides.Password) ?? NonEmpty(getEnv(PasswordVariable)) ?? NonEmpty(gateway.Auth.Password);
        var mode = ResolveMode(gateway.Auth.Mode, token, password);

        string? generatedTokenPath = null;
        if (mode == GatewayAuthModes.Token && token is null)
        {
            (token, generatedTokenPath) = LoadOrCreateToken(stateDirectory);
        }

        if (mode == GatewayAuthModes.Password && password is null)
        {
            throw new InvalidOperationException(
                $"gateway.auth.mode is 'password' but no password is set; set gateway.auth.password or {PasswordVariable}.");
        }

        return new GatewaySettings
        {
            Port = port,
            Bind = bind,
            ListenAddresses = ResolveListenAddresses(bind, config),
            AuthMode = mode,
            Token = token,
            Password = password,
            GeneratedTokenPath = generatedTokenPath,
            RateLimit = gateway.Auth.RateLimit,
            HandshakeTimeout = ParseHandshakeTimeout(getEnv(HandshakeTimeoutVariable)),
            StateDirectory = stateDirectory,
            ConfigPath = config.Path,
        };
    }

    private static string ResolveMode(string? configured, string? token, string? password)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured switch
            {
                GatewayAuthModes.None or GatewayAuthModes.Token or GatewayAuthModes.Password => configured,
                _ => throw new InvalidOperationException(
                    $"gateway.auth.mode '{configured}' is not supported; use none, token or password."),
            };
        }

        // Upstream default: token, unless only a password is configured.
        return token is null && password is not null ? GatewayAuthModes.Password : GatewayAuthModes.Token;
    }

    private static IReadOnlyList<IPAddress> ResolveListenAddresses(string bind, ConfigSnapshot config) => bind switch
    {
        // "auto" prefers loopback upstream unless a tailnet is found; we never look for one.
        "loopback" or "auto" => Socket.OSSupportsIPv6 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [IPAddress.Loopback],
        "lan" => [IPAddress.Any],
        "custom" => [ParseCustomHost(config)],
        _ => throw new InvalidOperationException($"gateway.bind '{bind}' is not supported; use loopback, lan or custom."),
    };

    private static IPAddress ParseCustomHost(ConfigSnapshot config)
    {
        var host = config.Parsed["gateway"]?["customBindHost"]?.GetValue<string>();
        return IPAddress.TryParse(host, out var address)
            ? address
            : throw new InvalidOperationException(
                $"gateway.bind is 'custom' but gateway.customBindHost '{host}' is not an IP address.");
    }

    private static (string Token, string Path) LoadOrCreateToken(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, GeneratedTokenFileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return (existing, path);
            }
        }

        Directory.CreateDirectory(stateDirectory);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(token);
        }

        return (token, path);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int? ParsePort(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 ? port : null;

    private static TimeSpan ParseHandshakeTimeout(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromSeconds(15);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
