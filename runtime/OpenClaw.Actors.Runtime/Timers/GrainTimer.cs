using Microsoft.Extensions.Logging;
using OpenClaw.Actors.Runtime.Activation;

namespace OpenClaw.Actors.Runtime.Timers;

/// <summary>
/// A grain timer on the silo's <see cref="TimeProvider"/>. Each tick is queued as a turn of its activation (subject to
/// the mailbox rules unless <see cref="GrainTimerCreationOptions.Interleave"/>), and the next tick is armed only after
/// the previous one finished, so ticks never overlap; a tick due while the previous one still runs is skipped.
/// Disposing, or deactivating the activation, stops it.
/// </summary>
internal sealed partial class GrainTimer<TState> : IGrainTimer, IGrainTimerTicks
{
    private readonly Lock _lock = new();
    private readonly GrainActivation _activation;
    private readonly Func<TState, CancellationToken, Task> _callback;
    private readonly TState _state;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ILogger _logger;
    private TimeSpan _period;
    private bool _tickPending;
    private bool _changedDuringTick;
    private bool _isDisposed;

    public GrainTimer(GrainActivation activation, Func<TState, CancellationToken, Task> callback, TState state,
        GrainTimerCreationOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _state = state;
        _logger = logger;
        _period = options.Period;
        Interleave = options.Interleave;
        KeepAlive = options.KeepAlive;
        _timer = time.CreateTimer(static s => ((GrainTimer<TState>)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(options.DueTime, Timeout.InfiniteTimeSpan);
    }

    public bool Interleave { get; }
    public bool KeepAlive { get; }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_isDisposed, this);
            _period = period;
            if (_tickPending) _changedDuringTick = true;
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_isDisposed) return;
            _isDisposed = true;
            _timer.Dispose();
        }

        _disposed.Cancel();
        _disposed.Dispose();
        _activation.OnTimerDisposed(this);
    }

    public async Task TickAsync()
    {
        CancellationToken token;
        lock (_lock)
        {
            if (_isDisposed) return;
            token = _disposed.Token;
        }

        try
        {
            await _callback(_state, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed while ticking: the timer's own token, not a failure.
        }
        catch (Exception exception)
        {
            // A failing tick does not stop the timer (Orleans' rule); it is logged once here.
            LogTickFailed(exception, _activation.GrainId);
        }
    }

    public void OnTickFinished()
    {
        lock (_lock)
        {
            _tickPending = false;
            if (_isDisposed || _changedDuringTick || _period == Timeout.InfiniteTimeSpan) return;
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnDue()
    {
        lock (_lock)
        {
            if (_isDisposed || _tickPending) return;
            _tickPending = true;
            _changedDuringTick = false;
        }

        if (!_activation.TryEnqueue(new TimerTickRequest(this)))
        {
            // The activation is deactivating: it disposes its timers, so no further tick is armed.
            lock (_lock) _tickPending = false;
        }
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero or positive, or Timeout.InfiniteTimeSpan.");
        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be positive, or Timeout.InfiniteTimeSpan for a one-shot timer.");
    }

    [LoggerMessage(2100, LogLevel.Warning, "Timer tick of grain {GrainId} failed")]
    private partial void LogTickFailed(Exception exception, GrainId grainId);
}

/// <summary>What a queued tick needs from its timer.</summary>
internal interface IGrainTimerTicks
{
    bool Interleave { get; }
    bool KeepAlive { get; }
    Task TickAsync();
    void OnTickFinished();
}
