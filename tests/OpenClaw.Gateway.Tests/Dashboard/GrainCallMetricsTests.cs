using OpenClaw.Actors;
using OpenClaw.Actors.Runtime.Diagnostics;
using OpenClaw.Actors.Testing;

namespace OpenClaw.Gateway.Tests.Dashboard;

/// <summary>Per grain type call metrics: totals, errors, and a sliding window for rates and percentiles (manual clock).</summary>
public sealed class GrainCallMetricsTests
{
    private static readonly GrainType Counter = new("counter");
    private static readonly GrainType Other = new("other");

    [Fact]
    public void Snapshot_AfterCalls_CountsCallsErrorsRateAndPercentilesPerType()
    {
        var time = new ManualTimeProvider();
        var metrics = new GrainCallMetrics(time);
        for (var i = 0; i < 48; i++) metrics.Record(Counter, TimeSpan.FromMilliseconds(2), failed: false);
        metrics.Record(Counter, TimeSpan.FromMilliseconds(2), failed: true);
        metrics.Record(Counter, TimeSpan.FromMilliseconds(2), failed: true);
        metrics.Record(Other, TimeSpan.FromMilliseconds(100), failed: false);
        time.Advance(TimeSpan.FromSeconds(5));

        var samples = metrics.Snapshot();

        Assert.Equal(["counter", "other"], samples.Select(s => s.GrainType));
        var counter = samples[0];
        Assert.Equal(50, counter.Calls);
        Assert.Equal(2, counter.Errors);
        Assert.Equal(5, counter.WindowSeconds, 3);
        Assert.Equal(50, counter.WindowCalls);
        Assert.Equal(2, counter.WindowErrors);
        var status = Assert.Single(OpenClaw.Actors.Diagnostics.GrainTypeAggregation.Merge(
            [new OpenClaw.Actors.Diagnostics.SiloStatusReport("s", time.GetUtcNow(), null, [counter])]));
        Assert.Equal(10, status.CallsPerSecond, 3);
        Assert.InRange(status.P50Ms!.Value, 1.5, 2.5);
        Assert.InRange(status.P99Ms!.Value, 1.5, 2.5);
    }

    [Fact]
    public void Snapshot_WindowSlides_OldCallsLeaveTheRateButStayInTheTotals()
    {
        var time = new ManualTimeProvider();
        var metrics = new GrainCallMetrics(time, TimeSpan.FromSeconds(10));
        for (var i = 0; i < 10; i++) metrics.Record(Counter, TimeSpan.FromMilliseconds(1), failed: false);
        time.Advance(TimeSpan.FromSeconds(1));
        metrics.Snapshot();
        for (var i = 0; i < 20; i++) metrics.Record(Counter, TimeSpan.FromMilliseconds(1), failed: false);
        time.Advance(TimeSpan.FromSeconds(11));

        var sliding = Assert.Single(metrics.Snapshot());

        Assert.Equal(30, sliding.Calls);
        Assert.Equal(20, sliding.WindowCalls);
        Assert.Equal(11, sliding.WindowSeconds, 3);

        time.Advance(TimeSpan.FromSeconds(11));
        metrics.Snapshot();
        time.Advance(TimeSpan.FromSeconds(11));
        var idle = Assert.Single(metrics.Snapshot());

        Assert.Equal(30, idle.Calls);
        Assert.Equal(0, idle.WindowCalls);
        Assert.Empty(idle.WindowLatencyBuckets);
    }

    [Fact]
    public void Snapshot_RightAfterStart_ReadsTheRateOverAtLeastOneSecond()
    {
        var time = new ManualTimeProvider();
        var metrics = new GrainCallMetrics(time);
        metrics.Record(Counter, TimeSpan.FromMilliseconds(1), failed: false);
        time.Advance(TimeSpan.FromMilliseconds(10));

        var sample = Assert.Single(metrics.Snapshot());

        Assert.Equal(1, sample.WindowSeconds, 3);
        Assert.Equal(1, sample.WindowCalls);
    }

    [Fact]
    public void Record_FromManyThreads_LosesNoCall()
    {
        var metrics = new GrainCallMetrics(new ManualTimeProvider());

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++) metrics.Record(Counter, TimeSpan.FromTicks(i), failed: i % 100 == 0);
        });

        var sample = Assert.Single(metrics.Snapshot());
        Assert.Equal(80_000, sample.Calls);
        Assert.Equal(800, sample.Errors);
        Assert.Equal(80_000, sample.WindowLatencyBuckets.Sum());
    }
}
