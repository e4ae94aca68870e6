using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.Testing;
using OpenClaw.Gateway.Events;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>Coalescing of broadcasts (presence): at most one run per interval, the latest request always served.</summary>
public sealed class BroadcastCoalescerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public void Coalescer_FirstRequestAfterQuiet_RunsOnTheTimerNotTheCaller()
    {
        var clock = new ManualTimeProvider();
        var runs = 0;
        using var coalescer = new BroadcastCoalescer(Interval, clock, () => { runs++; return Interval; }, NullLogger.Instance);

        coalescer.Request();
        Assert.Equal(0, runs);
        clock.Advance(TimeSpan.Zero);

        Assert.Equal(1, runs);
    }

    [Fact]
    public void Coalescer_BurstWithinInterval_FoldsIntoOneRunAtItsEnd()
    {
        var clock = new ManualTimeProvider();
        var runs = 0;
        using var coalescer = new BroadcastCoalescer(Interval, clock, () => { runs++; return Interval; }, NullLogger.Instance);
        coalescer.Request();
        clock.Advance(TimeSpan.Zero);

        for (var i = 0; i < 500; i++)
        {
            coalescer.Request();
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(1, runs);
        clock.Advance(Interval);
        Assert.Equal(2, runs);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, runs);
    }

    [Fact]
    public void Coalescer_RequestDuringRun_SchedulesAnotherRun()
    {
        var clock = new ManualTimeProvider();
        var runs = 0;
        BroadcastCoalescer? coalescer = null;
        coalescer = new BroadcastCoalescer(Interval, clock, () =>
        {
            if (++runs == 1)
            {
                coalescer!.Request(); // a change made while the broadcast reads the state
            }

            return Interval;
        }, NullLogger.Instance);
        using var owned = coalescer;
        coalescer.Request();

        clock.Advance(TimeSpan.Zero);
        clock.Advance(Interval);

        Assert.Equal(2, runs);
    }

    [Fact]
    public void Coalescer_RunAsksForLongerPause_NextRunWaitsThatLong()
    {
        var clock = new ManualTimeProvider();
        var runs = 0;
        using var coalescer = new BroadcastCoalescer(Interval, clock, () => { runs++; return TimeSpan.FromSeconds(5); }, NullLogger.Instance);
        coalescer.Request();
        clock.Advance(TimeSpan.Zero);

        coalescer.Request();
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, runs);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(2, runs);
    }

    [Fact]
    public void Coalescer_Disposed_PendingRunDoesNotHappen()
    {
        var clock = new ManualTimeProvider();
        var runs = 0;
        var coalescer = new BroadcastCoalescer(Interval, clock, () => { runs++; return Interval; }, NullLogger.Instance);
        coalescer.Request();

        coalescer.Dispose();
        coalescer.Request();
        clock.Advance(Interval);

        Assert.Equal(0, runs);
    }

    [Fact]
    public void PresenceInterval_ManyClients_SpacedByFanOutUpToTheCap()
    {
        const int Capped = PresenceTracker.MaxEntries;
        Assert.Equal(PresenceTracker.BroadcastInterval, PresenceTracker.IntervalAfter(2, 1));
        Assert.Equal(PresenceTracker.BroadcastInterval, PresenceTracker.IntervalAfter(100, 100));
        Assert.Equal(PresenceTracker.BroadcastInterval, PresenceTracker.IntervalAfter(Capped, 200));
        Assert.InRange(PresenceTracker.IntervalAfter(Capped, 1_000), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        Assert.InRange(PresenceTracker.IntervalAfter(Capped, 5_000), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        Assert.Equal(PresenceTracker.MaxBroadcastInterval, PresenceTracker.IntervalAfter(Capped, 200_000));
    }
}
