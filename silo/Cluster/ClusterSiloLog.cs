namespace OpenClaw.Silo.Cluster;

internal static partial class ClusterSiloLog
{
    [LoggerMessage(1910, LogLevel.Information, "OpenClaw cluster silo {NodeName} started: health on {HealthAddress}, config {ConfigPath}")]
    public static partial void Started(ILogger logger, string nodeName, string healthAddress, string configPath);

    [LoggerMessage(1911, LogLevel.Warning, "Config {ConfigKey}: {Warning}")]
    public static partial void ConfigWarning(ILogger logger, string configKey, string warning);
}
