namespace OpenClaw.Gateway.Host;

internal static partial class FrontHostLog
{
    [LoggerMessage(1920, LogLevel.Information, "OpenClaw front node {NodeName} listening on {Address} (auth {AuthMode}, config {ConfigPath})")]
    public static partial void Listening(ILogger logger, string nodeName, string address, string authMode, string configPath);

    [LoggerMessage(1921, LogLevel.Warning, "Config {ConfigKey}: {Warning}")]
    public static partial void ConfigWarning(ILogger logger, string configKey, string warning);

    [LoggerMessage(1922, LogLevel.Warning, "No gateway token or password is configured: a token was generated and stored in {TokenPath}. Every front node needs the same one: set OPENCLAW_GATEWAY_TOKEN")]
    public static partial void GeneratedToken(ILogger logger, string tokenPath);
}
