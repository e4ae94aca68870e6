namespace OpenClaw.Silo;

internal static partial class SiloLog
{
    [LoggerMessage(1900, LogLevel.Information, "OpenClaw gateway listening on {Address} (auth {AuthMode}, config {ConfigPath})")]
    public static partial void Listening(ILogger logger, string address, string authMode, string configPath);

    [LoggerMessage(1901, LogLevel.Warning, "Config {ConfigKey}: {Warning}")]
    public static partial void ConfigWarning(ILogger logger, string configKey, string warning);

    [LoggerMessage(1902, LogLevel.Warning, "No gateway token or password is configured: a token was generated and stored in {TokenPath}. Read it with: cat {TokenPath}")]
    public static partial void GeneratedToken(ILogger logger, string tokenPath);
}
