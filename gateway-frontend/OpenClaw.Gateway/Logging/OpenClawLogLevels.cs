using Microsoft.Extensions.Logging;

namespace OpenClaw.Gateway.Logging;

/// <summary>
/// Maps between .NET log levels and openclaw's: the <c>logging.level</c> config names and the tslog ids and names the
/// real CLI reads from <c>_meta.logLevelId</c>/<c>_meta.logLevelName</c>.
/// </summary>
public static class OpenClawLogLevels
{
    /// <summary>
    /// <c>silent</c>, <c>fatal</c>, <c>error</c>, <c>warn</c>, <c>info</c>, <c>debug</c> or <c>trace</c> (case-insensitive);
    /// anything else is Information, upstream's default.
    /// </summary>
    public static LogLevel FromConfig(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        "silent" => LogLevel.None,
        "fatal" => LogLevel.Critical,
        "error" => LogLevel.Error,
        "warn" or "warning" => LogLevel.Warning,
        "debug" => LogLevel.Debug,
        "trace" => LogLevel.Trace,
        _ => LogLevel.Information,
    };

    /// <summary>tslog's numeric id: 1 trace, 2 debug, 3 info, 4 warn, 5 error, 6 fatal.</summary>
    public static int Id(LogLevel level) => level switch
    {
        LogLevel.Trace => 1,
        LogLevel.Debug => 2,
        LogLevel.Information => 3,
        LogLevel.Warning => 4,
        LogLevel.Error => 5,
        _ => 6,
    };

    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };
}
