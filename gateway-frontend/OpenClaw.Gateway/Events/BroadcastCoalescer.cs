using Microsoft.Extensions.Logging;

namespace OpenClaw.Gateway.Events;

/// <summary>
/// Runs a broadcast at most once per interval, and always after the latest request (latest state wins): the first
/// request after a quiet interval runs at once (on a timer callback, never on the caller's thread); requests within
/// the interval fold into one run at its end. Each run returns the interval to keep before the next one, so a run
/// that cost more can ask for a longer pause. Runs never overlap, so what they publish goes out in order.
/// </summary>
internal sealed partial class BroadcastCoalescer : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan> _run;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly Lock _running = new();
    private bool _scheduled;
    private bool _disposed;
    private long? _lastRunAt;
    private TimeSpan _interval;

    /// <param name="run">The broadcast; returns the interval to keep before the next run.</param>
    public BroadcastCoalescer(TimeSpan interval, TimeProvider time, Func<TimeSpan> run, ILogger logger)
    {
        _interval = interval;
        _time = time;
        _run = run;
        _logger = logger;
        _timer = time.CreateTimer(static state => ((BroadcastCoalescer)state!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Asks for a run; cheap and non-blocking, so it can be called on every change.</summary>
    public void Request()
    {
        lock (_gate)
        {
            if (_scheduled || _disposed)
            {
                return;
            }

            _scheduled = true;
            var due = _lastRunAt is { } last ? _interval - _time.GetElapsedTime(last) : TimeSpan.Zero;
            _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private void OnDue()
    {
        lock (_running)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                // Cleared before the run: a change made while it runs schedules the next one.
                _scheduled = false;
                _lastRunAt = _time.GetTimestamp();
            }

            try
            {
                var interval = _run();
                lock (_gate)
                {
                    _interval = interval;
                }
            }
            catch (Exception exception)
            {
                LogRunFailed(_logger, exception);
            }
        }
    }

    [LoggerMessage(1310, LogLevel.Error, "A coalesced broadcast failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
