using System.Collections.Immutable;

namespace OpenClaw.Configuration.Model;

/// <summary><c>gateway</c>: how the gateway listens and authenticates.</summary>
public sealed record GatewayConfig
{
    public const int DefaultPort = 18789;

    /// <summary><c>local</c> or <c>remote</c>.</summary>
    public string Mode { get; init; } = "local";
    public int Port { get; init; } = DefaultPort;

    /// <summary><c>auto</c>, <c>lan</c>, <c>loopback</c>, <c>custom</c> or <c>tailnet</c>.</summary>
    public string Bind { get; init; } = "loopback";
    public GatewayAuthConfig Auth { get; init; } = new();
    public GatewayHttpConfig Http { get; init; } = new();
    public GatewayControlUiConfig ControlUi { get; init; } = new();
}

/// <summary><c>gateway.auth</c>. <see cref="Mode"/> null means "derive from what is set" (token, then password).</summary>
public sealed record GatewayAuthConfig
{
    /// <summary><c>none</c>, <c>token</c>, <c>password</c> or <c>trusted-proxy</c>; null when not configured.</summary>
    public string? Mode { get; init; }
    public string? Token { get; init; }
    public string? Password { get; init; }
    public AuthRateLimitConfig RateLimit { get; init; } = new();
}

/// <summary><c>gateway.auth.rateLimit</c>: failed-auth lockout per client.</summary>
public sealed record AuthRateLimitConfig
{
    public int MaxAttempts { get; init; } = 10;
    public int WindowMs { get; init; } = 60_000;
    public int LockoutMs { get; init; } = 300_000;
}

/// <summary><c>gateway.http.endpoints</c>: the OpenAI-compatible endpoints are off unless enabled.</summary>
public sealed record GatewayHttpConfig
{
    /// <summary><c>gateway.http.endpoints.chatCompletions.enabled</c>.</summary>
    public bool ChatCompletionsEnabled { get; init; }

    /// <summary><c>gateway.http.endpoints.responses.enabled</c>.</summary>
    public bool ResponsesEnabled { get; init; }
}

/// <summary><c>gateway.controlUi</c>.</summary>
public sealed record GatewayControlUiConfig
{
    public bool Enabled { get; init; } = true;
    public string BasePath { get; init; } = "/";
    public IReadOnlyList<string> AllowedOrigins { get; init; } = ImmutableArray<string>.Empty;
}
