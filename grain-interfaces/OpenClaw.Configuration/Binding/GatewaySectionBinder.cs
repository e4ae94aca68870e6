using System.Text.Json.Nodes;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Configuration.Binding;

/// <summary>Binds <c>gateway</c>; keys this gateway does not use (tailscale, tls, remote...) are left alone.</summary>
internal static class GatewaySectionBinder
{
    public static readonly IReadOnlyList<string> Modes = ["local", "remote"];
    public static readonly IReadOnlyList<string> Binds = ["auto", "lan", "loopback", "custom", "tailnet"];
    public static readonly IReadOnlyList<string> AuthModes = ["none", "token", "password", "trusted-proxy"];

    public static GatewayConfig Bind(JsonObject? section, ConfigBindingContext context)
    {
        var defaults = new GatewayConfig();
        if (section is null)
        {
            return defaults;
        }
        const string path = "gateway";
        return new GatewayConfig
        {
            Mode = context.Enum(section, "mode", "gateway.mode", Modes) ?? defaults.Mode,
            Port = context.Int(section, "port", "gateway.port", 1, 65535) ?? defaults.Port,
            Bind = context.Enum(section, "bind", "gateway.bind", Binds) ?? defaults.Bind,
            Auth = BindAuth(context.Object(section, "auth", ConfigBindingContext.Child(path, "auth")), context),
            Http = BindHttp(context.Object(section, "http", "gateway.http"), context),
            ControlUi = BindControlUi(context.Object(section, "controlUi", "gateway.controlUi"), context),
        };
    }

    private static GatewayAuthConfig BindAuth(JsonObject? auth, ConfigBindingContext context)
    {
        if (auth is null)
        {
            return new GatewayAuthConfig();
        }
        var rateLimit = context.Object(auth, "rateLimit", "gateway.auth.rateLimit");
        var rateDefaults = new AuthRateLimitConfig();
        return new GatewayAuthConfig
        {
            Mode = context.Enum(auth, "mode", "gateway.auth.mode", AuthModes),
            Token = context.String(auth, "token", "gateway.auth.token"),
            Password = context.String(auth, "password", "gateway.auth.password"),
            RateLimit = rateLimit is null
                ? rateDefaults
                : new AuthRateLimitConfig
                {
                    MaxAttempts = context.Int(rateLimit, "maxAttempts", "gateway.auth.rateLimit.maxAttempts", 1) ?? rateDefaults.MaxAttempts,
                    WindowMs = context.Int(rateLimit, "windowMs", "gateway.auth.rateLimit.windowMs", 1) ?? rateDefaults.WindowMs,
                    LockoutMs = context.Int(rateLimit, "lockoutMs", "gateway.auth.rateLimit.lockoutMs", 0) ?? rateDefaults.LockoutMs,
                },
        };
    }

    private static GatewayHttpConfig BindHttp(JsonObject? http, ConfigBindingContext context)
    {
        var endpoints = http is null ? null : context.Object(http, "endpoints", "gateway.http.endpoints");
        if (endpoints is null)
        {
            return new GatewayHttpConfig();
        }
        return new GatewayHttpConfig
        {
            ChatCompletionsEnabled = EndpointEnabled(endpoints, "chatCompletions", context),
            ResponsesEnabled = EndpointEnabled(endpoints, "responses", context),
        };
    }

    private static bool EndpointEnabled(JsonObject endpoints, string name, ConfigBindingContext context)
    {
        var path = $"gateway.http.endpoints.{name}";
        var endpoint = context.Object(endpoints, name, path);
        return endpoint is not null && (context.Bool(endpoint, "enabled", $"{path}.enabled") ?? false);
    }

    private static GatewayControlUiConfig BindControlUi(JsonObject? controlUi, ConfigBindingContext context)
    {
        var defaults = new GatewayControlUiConfig();
        if (controlUi is null)
        {
            return defaults;
        }
        var basePath = context.String(controlUi, "basePath", "gateway.controlUi.basePath");
        return new GatewayControlUiConfig
        {
            Enabled = context.Bool(controlUi, "enabled", "gateway.controlUi.enabled") ?? defaults.Enabled,
            BasePath = basePath is null ? defaults.BasePath : NormalizeBasePath(basePath),
            AllowedOrigins = context.StringList(controlUi, "allowedOrigins", "gateway.controlUi.allowedOrigins") ?? defaults.AllowedOrigins,
        };
    }

    /// <summary><c>ui</c>, <c>/ui/</c> and <c>/ui</c> all mean <c>/ui</c>; empty means the root.</summary>
    private static string NormalizeBasePath(string basePath)
    {
        var trimmed = basePath.Trim().Trim('/');
        return trimmed.Length == 0 ? "/" : "/" + trimmed;
    }
}
