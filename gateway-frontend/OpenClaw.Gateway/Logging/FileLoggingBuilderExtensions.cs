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

        // A provider rule outranks the host's category rules, so the host's "Microsoft.AspNetCore: Warning" is
        // repeated here (else every request start and end is written). Hosting.Diagnostics is turned off outright,
        // for every provider: while any logging is on it keeps a request-starting log state, a log scope and an
        // Activity alive for the whole request, which for a WebSocket is the connection's life (~0.5 KB each).
        builder.AddFilter<JsonLinesFileLoggerProvider>("Microsoft.AspNetCore", minLevel > LogLevel.Warning ? minLevel : LogLevel.Warning);
        builder.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.AddFilter<JsonLinesFileLoggerProvider>("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        return builder;
    }
}
