namespace OpenClaw.Gateway.Hosting;

/// <summary>Command-line flags (<c>--port</c>, <c>--bind</c>, <c>--token</c>, <c>--password</c>); they win over env and config.</summary>
public sealed record GatewayOverrides(int? Port = null, string? Bind = null, string? Token = null, string? Password = null)
{
    public static GatewayOverrides None { get; } = new();
}
