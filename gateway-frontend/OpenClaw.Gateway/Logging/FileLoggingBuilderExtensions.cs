using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Gateway.Logging;

namespace Microsoft.Extensions.Logging;

/// <summary>Adds the JSON-lines gateway log that <c>openclaw logs</c> (<c>logs.tail</c>) reads.</summary>
public static class FileLoggingBuilderExtensions
{
    /// <param name="filePath">
    /// <c>logging.file</c> if configured, else <c>&lt;stateDir&gt;/logs/openclaw.log</c> (see <see cref="GatewayLogPaths.Resolve"/>).
    /// </param>
    /// <param name="minLevel">From <c>logging.level</c> via <see cref="OpenClawLogLevels.FromConfig"/>.</param>
    public static ILoggingBuilder AddOpenClawFileLogging(
        this ILoggingBuilder builder,
        string filePath,
        LogLevel minLevel,
        Action<JsonLinesFileLoggerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);

        var fullPath = Path.GetFullPath(filePath);
        var options = new JsonLinesFileLoggerOptions { FilePath = fullPath, MinLevel = minLevel };
        configure?.Invoke(options);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new GatewayLogFile(fullPath));
        builder.Services.AddSingleton<ILoggerProvider>(sp =>
            new JsonLinesFileLoggerProvider(options, sp.GetRequiredService<TimeProvider>()));
        builder.AddFilter<JsonLinesFileLoggerProvider>(null, minLevel);
        return builder;
    }
}
