namespace OpenClaw.Gateway.Hosting;

/// <summary>Values of <c>gateway.auth.mode</c> this gateway implements.</summary>
public static class GatewayAuthModes
{
    public const string None = "none";
    public const string Token = "token";
    public const string Password = "password";
}
