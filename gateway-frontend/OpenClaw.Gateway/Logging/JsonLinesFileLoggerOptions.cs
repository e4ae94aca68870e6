using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Gateway.Logging;

/// <summary>Settings of the JSON-lines gateway log (<c>&lt;stateDir&gt;/logs/openclaw.log</c> or <c>logging.file</c>).</summary>
public sealed class JsonLinesFileLoggerOptions
{
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;

    public required string FilePath { get; init; }

    /// <summary>Records below this level are not written (<c>logging.level</c>); <see cref="LogLevel.None"/> writes nothing.</summary>
    public LogLevel MinLevel { get; init; } = LogLevel.Information;

    /// <summary>Records waiting for the writer; overflow rule in <see cref="BoundedLogQueue"/>.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; init; } = BoundedLogQueue.DefaultCapacity;

    /// <summary>
    /// Size at which the file is rotated: it is renamed to <c>&lt;file&gt;.1</c> (replacing the previous one) and a new
    /// file is started, so the log never takes more than about twice this on disk.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;
}
