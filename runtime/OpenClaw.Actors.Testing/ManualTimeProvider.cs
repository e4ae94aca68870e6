namespace OpenClaw.Actors.Testing;

/// <summary>
/// A clock for tests that moves only when told to (<see cref="Advance"/>, <see cref="SetUtcNow"/>). Timers created
/// through <see cref="CreateTimer"/> (and so <c>PeriodicTimer</c>, <c>Task.Delay(…, timeProvider)</c>,
/// <c>CancellationTokenSource(…, timeProvider)</c>) fire synchronously on the advancing thread, in due order, with
/// the clock set to each timer's due time while its callback runs; periodic timers are re-armed at due + period, so
/// one long advance fires every tick it passes. A timer due now (due time zero) fires on the next advance, also
/// <c>Advance(TimeSpan.Zero)</c>: never inside <see cref="CreateTimer"/>, so callers hold the timer before it fires.
/// Thread-safe; callbacks run outside the internal lock and may create, change or dispose timers.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>The default start: a fixed instant, so test output is reproducible.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _nextSequence;

    public ManualTimeProvider() : this(DefaultStart)
    {
    }

    public ManualTimeProvider(DateTimeOffset start) => _now = start.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return _now;
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Number of armed (not disposed, not finished) timers; lets tests wait until code under test is parked.</summary>
    public int ActiveTimerCount
    {
        get { lock (_lock) return _timers.Count; }
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock) target = _now + delta;
        AdvanceTo(target);
    }

    /// <summary>Moves the clock to <paramref name="value"/> (not backwards), firing every timer due on the way.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_lock)
        {
            if (value < _now)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The clock is at {_now:O} and cannot go back.");
        }
        AdvanceTo(value.ToUniversalTime());
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void AdvanceTo(DateTimeOffset target)
    {
        while (TryTakeNextDue(target, out var timer))
            timer.Fire();
    }

    private bool TryTakeNextDue(DateTimeOffset target, out ManualTimer due)
    {
        lock (_lock)
        {
            ManualTimer? next = null;
            foreach (var timer in _timers)
            {
                if (timer.DueAt > target) continue;
                if (next is null || timer.DueAt < next.DueAt || (timer.DueAt == next.DueAt && timer.Sequence < next.Sequence))
                    next = timer;
            }

            if (next is null)
            {
                if (target > _now) _now = target;
                due = null!;
                return false;
            }

            if (next.DueAt > _now) _now = next.DueAt;
            // Re-arm before the callback runs, so a Change() made by the callback wins over the period.
            if (next.Period > TimeSpan.Zero && next.Period != Timeout.InfiniteTimeSpan)
            {
                next.DueAt += next.Period;
                next.Sequence = _nextSequence++;
            }
            else
            {
                _timers.Remove(next);
            }

            due = next;
            return true;
        }
    }

    private void Arm(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            if (timer.Disposed || dueTime == Timeout.InfiniteTimeSpan) return;
            timer.DueAt = _now + dueTime;
            timer.Period = period;
            timer.Sequence = _nextSequence++;
            _timers.Add(timer);
        }
    }

    private void Disarm(ManualTimer timer)
    {
        lock (_lock)
        {
            timer.Disposed = true;
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        // Guarded by owner._lock.
        public DateTimeOffset DueAt { get; set; }
        public TimeSpan Period { get; set; }
        public long Sequence { get; set; }
        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ValidateSpan(dueTime, nameof(dueTime));
            ValidateSpan(period, nameof(period));
            owner.Arm(this, dueTime, period);
            return !Disposed;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Disarm(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private static void ValidateSpan(TimeSpan value, string name)
        {
            if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(name, value, "Must be non-negative or Timeout.InfiniteTimeSpan.");
        }
    }
}
