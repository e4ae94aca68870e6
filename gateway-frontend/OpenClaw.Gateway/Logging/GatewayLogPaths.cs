using OpenClaw.Configuration.Model;

namespace OpenClaw.Gateway.Logging;

/// <summary>Where the gateway log goes: <c>logging.file</c>, else openclaw's default <c>&lt;stateDir&gt;/logs/openclaw.log</c>.</summary>
public static class GatewayLogPaths
{
    public const string DefaultFileName = "openclaw.log";

    public static string Resolve(LoggingConfig logging, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        return string.IsNullOrWhiteSpace(logging.File)
            ? Path.Combine(stateDirectory, "logs", DefaultFileName)
            : Path.GetFullPath(logging.File);
    }
}
