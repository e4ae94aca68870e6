namespace OpenClaw.Silo;

/// <summary>OpenClaw's <c>logging.level</c> names mapped to .NET levels.</summary>
internal static class LogLevels
{
    public static LogLevel Parse(string? level) => level?.ToLowerInvariant() switch
    {
        "trace" or "silly" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" => LogLevel.Critical,
        "silent" or "none" => LogLevel.None,
        _ => LogLevel.Information,
    };
}
