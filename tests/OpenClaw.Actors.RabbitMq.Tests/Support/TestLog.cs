using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>
/// The log lines of every silo of one test (Information and up, and the transport's Debug lines), kept in memory so a
/// failing test can print what the silos did around the failure. Bounded: past <see cref="Capacity"/> lines the oldest
/// are dropped (the failure is near the end of a run).
/// </summary>
public sealed class TestLog
{
    public const int Capacity = 50_000;

    private readonly ConcurrentQueue<string> _lines = new();
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILoggerProvider ProviderFor(string silo) => new Provider(this, silo);

    /// <summary>The lines that mention any of <paramref name="needles"/>, and every warning and error.</summary>
    public IEnumerable<string> About(params string[] needles) =>
        _lines.Where(line => line.Contains(" warn ", StringComparison.Ordinal) || line.Contains(" fail ", StringComparison.Ordinal)
            || needles.Any(n => line.Contains(n, StringComparison.Ordinal)));

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Capacity) _lines.TryDequeue(out _);
    }

    private sealed class Provider(TestLog log, string silo) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(log, silo, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(TestLog log, string silo, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information || category is "ShardCallHandler" or "GrainActivation";

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var level = logLevel switch { LogLevel.Warning => "warn", LogLevel.Error or LogLevel.Critical => "fail", LogLevel.Information => "info", _ => "dbug" };
            var at = System.Diagnostics.Stopwatch.GetElapsedTime(log._started).TotalSeconds;
            var failure = exception is null ? "" : $" | {exception.GetType().Name}: {exception.Message}";
            log.Add($"{at,8:F3} {silo} {level} {category}: {formatter(state, exception)}{failure}");
        }
    }
}
