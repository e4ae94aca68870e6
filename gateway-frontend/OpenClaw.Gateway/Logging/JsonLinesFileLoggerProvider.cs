using Microsoft.Extensions.Logging;

namespace OpenClaw.Gateway.Logging;

/// <summary>
/// Writes every log record as one JSON line to the gateway log file, through a bounded queue drained by one
/// background writer (so logging never blocks and never does I/O on the caller's thread). It owns the writer task:
/// disposing completes the queue and (asynchronously) waits a bounded time for the tail to be written.
/// </summary>
[ProviderAlias("OpenClawFile")]
public sealed class JsonLinesFileLoggerProvider : ILoggerProvider, IAsyncDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly BoundedLogQueue _queue;
    private readonly Task _writerTask;
    private readonly TimeProvider _time;

    public JsonLinesFileLoggerProvider(JsonLinesFileLoggerOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Options = options;
        _time = time;
        _queue = new BoundedLogQueue(options.QueueCapacity);
        var writer = new LogFileWriter(options, time);
        _writerTask = Task.Run(() => writer.RunAsync(_queue));
    }

    public JsonLinesFileLoggerOptions Options { get; }

    public ILogger CreateLogger(string categoryName) => new JsonLinesFileLogger(categoryName, this);

    internal bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= Options.MinLevel;

    internal void Enqueue(LogLevel level, string category, string message, Exception? exception) =>
        _queue.TryEnqueue(new LogRecord(_time.GetUtcNow(), level, category, message, exception));

    /// <summary>Stops accepting records; the writer finishes the queue on its own (use DisposeAsync to wait for it).</summary>
    public void Dispose() => _queue.Complete();

    public async ValueTask DisposeAsync()
    {
        _queue.Complete();
        try
        {
            await _writerTask.WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The disk is stuck; the process is shutting down and the unwritten tail is given up.
        }
    }
}
