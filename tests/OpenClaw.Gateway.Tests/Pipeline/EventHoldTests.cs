using OpenClaw.Gateway.Connections;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>
/// A run's events must not overtake the response that starts the run: while a hold is active a connection keeps its
/// events back, and the last release flushes them in their original order.
/// </summary>
public sealed class EventHoldTests
{
    private readonly List<string> _queued = [];

    private EventHold NewHold() => new(e => _queued.Add(e.EventName));

    private static HeldEvent Event(string name) => new(name, ReadOnlyMemory<byte>.Empty, DropIfSlow: false, StateVersion: null);

    [Fact]
    public void Send_WithoutHold_QueuesAtOnce()
    {
        var hold = NewHold();

        hold.Send(Event("a"));

        Assert.Equal(["a"], _queued);
    }

    [Fact]
    public void Release_AfterHeldEvents_FlushesThemInOrder()
    {
        var hold = NewHold();
        hold.Hold();
        hold.Send(Event("a"));
        hold.Send(Event("b"));
        Assert.Empty(_queued);

        _queued.Add("ack");
        hold.Release();
        hold.Send(Event("c"));

        Assert.Equal(["ack", "a", "b", "c"], _queued);
    }

    [Fact]
    public void Release_NestedHolds_FlushOnlyAtTheLastRelease()
    {
        var hold = NewHold();
        hold.Hold();
        hold.Hold();
        hold.Send(Event("a"));

        hold.Release();
        Assert.Empty(_queued);
        hold.Release();

        Assert.Equal(["a"], _queued);
    }

    [Fact]
    public void Send_MoreThanTheBound_FlushesEarlyKeepingOrder()
    {
        var hold = NewHold();
        hold.Hold();

        for (var i = 0; i <= EventHold.MaxHeldEvents; i++) hold.Send(Event(i.ToString()));

        Assert.Equal(EventHold.MaxHeldEvents, _queued.Count);
        hold.Release();
        Assert.Equal(Enumerable.Range(0, EventHold.MaxHeldEvents + 1).Select(i => i.ToString()), _queued);
    }

    [Fact]
    public void Release_WithoutHold_IsANoOp()
    {
        var hold = NewHold();

        hold.Release();
        hold.Send(Event("a"));

        Assert.Equal(["a"], _queued);
    }
}
