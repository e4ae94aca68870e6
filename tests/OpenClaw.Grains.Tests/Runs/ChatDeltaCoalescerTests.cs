using OpenClaw.Actors.Testing;
using OpenClaw.Grains.Agents.Runs;

namespace OpenClaw.Grains.Tests.Runs;

/// <summary>Chat deltas are throttled: at most one per 20 ms unless 256 characters are waiting; nothing is lost.</summary>
public sealed class ChatDeltaCoalescerTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void FirstDelta_FlushesAtOnce_ThenHoldsUntilTheIntervalPasses()
    {
        var coalescer = new ChatDeltaCoalescer(_time);

        Assert.True(coalescer.Add("a"));
        Assert.Equal("a", coalescer.Take());
        Assert.False(coalescer.Add("b"));
        Assert.False(coalescer.Add("c"));
        _time.Advance(ChatDeltaCoalescer.Interval);
        Assert.True(coalescer.Add("d"));
        Assert.Equal("bcd", coalescer.Take());
        Assert.Null(coalescer.Take());
    }

    [Fact]
    public void ManyCharacters_FlushBeforeTheInterval()
    {
        var coalescer = new ChatDeltaCoalescer(_time);
        coalescer.Add("x");
        coalescer.Take();

        Assert.False(coalescer.Add(new string('y', ChatDeltaCoalescer.MaxChars - 1)));
        Assert.True(coalescer.Add("z"));
        Assert.Equal(ChatDeltaCoalescer.MaxChars, coalescer.Take()!.Length);
    }
}
