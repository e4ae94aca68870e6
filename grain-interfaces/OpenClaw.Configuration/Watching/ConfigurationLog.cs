using Microsoft.Extensions.Logging;

namespace OpenClaw.Configuration.Watching;

/// <summary>Log messages of the configuration library (EventIds 4000-4999). Messages never carry config values.</summary>
internal static partial class ConfigurationLog
{
    [LoggerMessage(4001, LogLevel.Information, "Config reloaded from {ConfigPath} ({Hash}) with {WarningCount} warnings", EventName = "ConfigReloaded")]
    public static partial void ConfigReloaded(this ILogger logger, string configPath, string hash, int warningCount);

    [LoggerMessage(4002, LogLevel.Error, "Config reload from {ConfigPath} failed; keeping the previous config: {Reason}", EventName = "ConfigReloadFailed")]
    public static partial void ConfigReloadFailed(this ILogger logger, string configPath, string reason, Exception exception);

    [LoggerMessage(4003, LogLevel.Debug, "Config file event for {ConfigPath} did not change the config", EventName = "ConfigUnchanged")]
    public static partial void ConfigUnchanged(this ILogger logger, string configPath);

    [LoggerMessage(4004, LogLevel.Warning, "Cannot watch {Directory} for config changes; hot reload is off for files there", EventName = "ConfigWatchFailed")]
    public static partial void ConfigWatchFailed(this ILogger logger, string directory, Exception exception);

    [LoggerMessage(4005, LogLevel.Error, "A config change handler failed", EventName = "ConfigChangeHandlerFailed")]
    public static partial void ConfigChangeHandlerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(4006, LogLevel.Warning, "File watcher error for {Directory}; reloading the config to catch up", EventName = "ConfigWatcherError")]
    public static partial void ConfigWatcherError(this ILogger logger, string directory, Exception exception);

    [LoggerMessage(4007, LogLevel.Warning, "Config warning at {ConfigKey}: {Warning}", EventName = "ConfigWarning")]
    public static partial void ConfigWarning(this ILogger logger, string configKey, string warning);
}
