using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Actors.Tests.Streams;

/// <summary>Keeps every log entry, so tests can check that a failure was logged rather than swallowed.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId EventId, Exception? Exception)> _entries = new();

    public IReadOnlyList<(LogLevel Level, EventId EventId, Exception? Exception)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => _entries.Enqueue((logLevel, eventId, exception));
}
