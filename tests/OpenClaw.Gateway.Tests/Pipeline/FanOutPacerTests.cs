using OpenClaw.Gateway.Connections;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>Presence sends of all connections together are spread at the pacer's rate once its burst is spent.</summary>
public sealed class FanOutPacerTests
{
    [Fact]
    public void Reserve_WithinTheBurst_DoesNotWait()
    {
        var pacer = new FanOutPacer(bytesPerSecond: 1000, burstBytes: 1000, new StoppedClock());

        Assert.Equal(TimeSpan.Zero, pacer.Reserve(600));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(400));
    }

    [Fact]
    public void Reserve_PastTheBurst_WaitsAtTheRate_AndTimeRefillsTheBudget()
    {
        var clock = new StoppedClock();
        var pacer = new FanOutPacer(bytesPerSecond: 1000, burstBytes: 1000, clock);
        pacer.Reserve(1000);

        var first = pacer.Reserve(500);
        var second = pacer.Reserve(500);
        clock.Advance(TimeSpan.FromSeconds(10));
        var afterIdle = pacer.Reserve(1000);

        Assert.Equal(0.5, first.TotalSeconds, precision: 3);
        Assert.Equal(1.0, second.TotalSeconds, precision: 3);
        Assert.Equal(TimeSpan.Zero, afterIdle);
    }

    /// <summary>Time moves only when the test says so.</summary>
    private sealed class StoppedClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
