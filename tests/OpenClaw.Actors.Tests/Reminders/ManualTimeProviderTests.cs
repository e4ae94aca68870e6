using OpenClaw.Actors.Testing;

namespace OpenClaw.Actors.Tests.Reminders;

/// <summary>
/// The manual clock behind every time-dependent test: it moves only when told and fires timers synchronously, in
/// due order, at their due times, so timer-driven code can be tested without waiting on a real clock.
/// </summary>
public sealed class ManualTimeProviderTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void GetUtcNow_WithoutAdvance_StaysPut()
    {
        var start = _time.GetUtcNow();

        Assert.Equal(ManualTimeProvider.DefaultStart, start);
        Assert.Equal(start, _time.GetUtcNow());
    }

    [Fact]
    public void Advance_PastTimers_FiresThemInDueOrderAtTheirDueTimes()
    {
        var fired = new List<(string Name, DateTimeOffset At)>();
        var start = _time.GetUtcNow();
        using var late = _time.CreateTimer(_ => fired.Add(("late", _time.GetUtcNow())), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var early = _time.CreateTimer(_ => fired.Add(("early", _time.GetUtcNow())), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([("early", start.AddSeconds(2)), ("late", start.AddSeconds(5))], fired);
        Assert.Equal(start.AddSeconds(10), _time.GetUtcNow());
    }

    [Fact]
    public void Advance_OverSeveralPeriods_FiresAPeriodicTimerOncePerPeriod()
    {
        var count = 0;
        using var timer = _time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(3.5));
        Assert.Equal(3, count);
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(4, count);
    }

    [Fact]
    public void Dispose_BeforeDueTime_TimerNeverFires()
    {
        var fired = false;
        var timer = _time.CreateTimer(_ => fired = true, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Dispose();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(fired);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public void Change_FromTheCallback_ReschedulesTheTimer()
    {
        var fireTimes = new List<DateTimeOffset>();
        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            fireTimes.Add(_time.GetUtcNow());
            timer!.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal([ManualTimeProvider.DefaultStart.AddSeconds(1), ManualTimeProvider.DefaultStart.AddSeconds(11)], fireTimes);
        timer.Dispose();
    }

    [Fact]
    public void CreateTimer_DueNow_FiresOnTheNextAdvanceNotBefore()
    {
        var fired = 0;
        using var timer = _time.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(0, fired);
        _time.Advance(TimeSpan.Zero);
        Assert.Equal(1, fired);
    }

    [Fact]
    public async Task Delay_OnTheManualClock_CompletesOnlyWhenAdvancedPastIt()
    {
        var delay = Task.Delay(TimeSpan.FromMinutes(5), _time);

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(delay.IsCompleted);
        _time.Advance(TimeSpan.FromMinutes(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PeriodicTimer_OnTheManualClock_TicksWhenAdvanced()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        var tick = timer.WaitForNextTickAsync().AsTask();

        Assert.False(tick.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await tick.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws()
    {
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Throws<ArgumentOutOfRangeException>(() => _time.SetUtcNow(ManualTimeProvider.DefaultStart));
    }
}
