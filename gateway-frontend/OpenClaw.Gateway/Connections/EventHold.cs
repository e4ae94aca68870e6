using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Holds a connection's events while a request that starts a run is being answered, so the run's first events never
/// overtake the acknowledgement that names the run (<c>chat.send</c> → <c>started</c>, <c>agent</c> → <c>accepted</c>):
/// the grain starts the run before its reply has travelled back, and events take a different path. Holds nest; the
/// last release flushes the held events in their original order. Bounded: past <see cref="MaxHeldEvents"/> the held
/// events are flushed early (order among events is kept; only their order relative to the ack is given up).
/// </summary>
internal sealed class EventHold(Action<HeldEvent> enqueue)
{
    public const int MaxHeldEvents = 1024;

    private readonly Lock _lock = new();
    private readonly List<HeldEvent> _held = [];
    private int _holds;

    /// <summary>Queues the event now, or keeps it while a hold is active.</summary>
    public void Send(HeldEvent @event)
    {
        lock (_lock)
        {
            if (_holds == 0)
            {
                enqueue(@event);
                return;
            }
            if (_held.Count >= MaxHeldEvents) FlushLocked();
            _held.Add(@event);
        }
    }

    public void Hold()
    {
        lock (_lock) _holds++;
    }

    public void Release()
    {
        lock (_lock)
        {
            if (_holds == 0 || --_holds > 0) return;
            FlushLocked();
        }
    }

    // Enqueued under the lock so an event sent concurrently cannot slip in between the held ones.
    private void FlushLocked()
    {
        foreach (var @event in _held) enqueue(@event);
        _held.Clear();
    }
}

internal readonly record struct HeldEvent(string EventName, ReadOnlyMemory<byte> PayloadJson, bool DropIfSlow, GatewayStateVersion? StateVersion);
