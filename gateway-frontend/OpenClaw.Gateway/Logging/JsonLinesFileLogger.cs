using Microsoft.Extensions.Logging;

namespace OpenClaw.Gateway.Logging;

/// <summary>One category's logger; formats the message at the call site and hands it to the provider's queue.</summary>
internal sealed class JsonLinesFileLogger(string category, JsonLinesFileLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => provider.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(formatter);
        provider.Enqueue(logLevel, category, formatter(state, exception), exception);
    }
}
