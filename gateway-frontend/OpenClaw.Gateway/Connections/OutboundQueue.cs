using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// The bounded send queue of one connection, drained by a single writer so sends never overlap. Event sequence
/// numbers are assigned here, under the same lock as the enqueue, so seq order is wire order.
/// Overflow rule (spec §1): when a frame would take the queue past <c>maxBytes</c> (or <c>maxFrames</c>), a
/// drop-if-slow event is skipped (its seq is still consumed, so the client sees a gap); any other frame closes the
/// connection 1008 "slow consumer".
/// Presence rule: a connection holds at most one unsent presence event. Each presence is the whole list, so a newer
/// one supersedes a queued older one, which is then skipped like a dropped event (its seq becomes a gap).
/// Writer: there is no writer while nothing is queued. The enqueue that finds the queue idle wakes
/// <c>writer</c>; it takes items with <see cref="TryTake"/> until that reports the queue empty
/// (which makes the queue idle again, in the same lock) and gives the storage back. So an idle connection holds no
/// writer task, no waiter and no queue array, whatever its largest backlog was.
/// </summary>
/// <param name="writer">Woken when work arrives for an idle queue; null for a queue drained by hand (tests).</param>
internal sealed class OutboundQueue(long maxBytes, int maxFrames, IOutboundWriter? writer = null)
{
    public const string SlowConsumerReason = "slow consumer";

    private readonly Lock _gate = new();
    private PooledRing<OutboundItem> _items;
    private long _queuedBytes;
    private int _queuedFrames;
    private long _seq;
    private bool _completed;
    private bool _writing;
    private bool _writerStopped;
    private TaskCompletionSource? _writerStoppedSignal;
    private PendingPresence _presence;

    public long QueuedBytes
    {
        get
        {
            lock (_gate)
            {
                return _queuedBytes;
            }
        }
    }

    /// <summary>Last seq handed out (0 before the first event after hello).</summary>
    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _seq;
            }
        }
    }

    /// <summary>Queues a serialized frame; the queue owns it from here (returned to the pool if refused).</summary>
    public EnqueueResult Enqueue(OutboundFrame frame)
    {
        EnqueueResult result;
        bool wake;
        lock (_gate)
        {
            result = _completed ? EnqueueResult.Closed : EnqueueLocked(OutboundItem.ForFrame(frame), dropIfSlow: false);
            wake = ClaimWriterLocked();
        }

        WakeWriter(wake);
        if (result != EnqueueResult.Queued)
        {
            frame.Return();
        }

        return result;
    }

    /// <summary>
    /// Queues an event with the next seq (or none, for the pre-hello challenge). <paramref name="payloadJson"/> is
    /// shared, not copied: the caller must not change it afterwards.
    /// </summary>
    public EnqueueResult EnqueueEvent(string eventName, ReadOnlyMemory<byte> payloadJson, bool withSeq, bool dropIfSlow, GatewayStateVersion? stateVersion)
    {
        var bytes = FrameWriter.EstimateEventBytes(eventName, payloadJson.Length);
        EnqueueResult result;
        bool wake;
        lock (_gate)
        {
            if (_completed)
            {
                return EnqueueResult.Closed;
            }

            long? seq = withSeq ? ++_seq : null;
            result = withSeq && eventName == GatewayEventNames.Presence
                ? EnqueuePresenceLocked(seq!.Value, payloadJson, stateVersion, bytes, dropIfSlow)
                : EnqueueLocked(OutboundItem.ForEvent(eventName, payloadJson, seq, stateVersion, bytes), dropIfSlow);
            wake = ClaimWriterLocked();
        }

        WakeWriter(wake);
        return result;
    }

    /// <summary>
    /// For the writer: the next item, or false when nothing is queued, which also makes the queue idle (the next
    /// enqueue schedules the writer again) and gives its storage back.
    /// </summary>
    public bool TryTake(out OutboundItem item)
    {
        lock (_gate)
        {
            if (_items.TryDequeue(out item))
            {
                return true;
            }

            _writing = false;
            _items.TrimWhenEmpty();
            return false;
        }
    }

    /// <summary>
    /// Called by the writer for a <see cref="OutboundItemKind.Presence"/> item: the event to send, or false when a
    /// newer presence superseded it (nothing to send; its bytes were already released).
    /// </summary>
    public bool TryResolvePresence(in OutboundItem item, out OutboundItem resolved)
    {
        lock (_gate)
        {
            if (_presence.Seq != item.Seq)
            {
                _queuedFrames--;
                resolved = default;
                return false;
            }

            resolved = OutboundItem.ForEvent(GatewayEventNames.Presence, _presence.Payload, item.Seq, _presence.StateVersion, item.Bytes);
            _presence = default;
            return true;
        }
    }

    /// <summary>Queues the close frame after everything already queued; later enqueues are refused. False if already closing.</summary>
    public bool Complete(int closeCode, string closeReason)
    {
        bool completed;
        bool wake;
        lock (_gate)
        {
            completed = CompleteLocked(closeCode, closeReason);
            wake = ClaimWriterLocked();
        }

        WakeWriter(wake);
        return completed;
    }

    /// <summary>Called by the writer once a frame is on the wire.</summary>
    public void Release(int frameBytes)
    {
        lock (_gate)
        {
            _queuedBytes -= frameBytes;
            _queuedFrames--;
        }
    }

    /// <summary>
    /// Called by the writer when it is done for good (close frame sent, or the socket failed): later enqueues are
    /// refused, the pooled frames nobody will send go back, and <see cref="WhenWriterStopped"/> completes.
    /// </summary>
    public void StopWriting()
    {
        TaskCompletionSource? signal;
        lock (_gate)
        {
            _completed = true;
            _writerStopped = true;
            _writing = true; // never scheduled again
            while (_items.TryDequeue(out var item))
            {
                if (item.Kind == OutboundItemKind.Frame)
                {
                    item.Frame.Return();
                }
            }

            _items.TrimWhenEmpty();
            _queuedBytes = 0;
            _queuedFrames = 0;
            signal = _writerStoppedSignal;
        }

        signal?.TrySetResult();
    }

    /// <summary>Completes once the writer has stopped for good (see <see cref="StopWriting"/>).</summary>
    public Task WhenWriterStopped()
    {
        lock (_gate)
        {
            if (_writerStopped)
            {
                return Task.CompletedTask;
            }

            _writerStoppedSignal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _writerStoppedSignal.Task;
        }
    }

    private bool ClaimWriterLocked()
    {
        if (_writing || _items.Count == 0)
        {
            return false;
        }

        _writing = true;
        return true;
    }

    private void WakeWriter(bool wake)
    {
        if (wake)
        {
            writer?.Wake();
        }
    }

    private EnqueueResult EnqueuePresenceLocked(long seq, ReadOnlyMemory<byte> payload, GatewayStateVersion? stateVersion, int bytes, bool dropIfSlow)
    {
        // The queued older presence (if any) is not counted when deciding whether the newer one fits: it goes away.
        var supersededBytes = _presence.Seq != 0 ? _presence.Bytes : 0;
        if (!Fits(bytes - supersededBytes, _queuedFrames + 1))
        {
            return Overflow(dropIfSlow);
        }

        _queuedBytes += bytes - supersededBytes;
        _queuedFrames++;
        _presence = new PendingPresence(seq, payload, stateVersion, bytes);
        _items.Enqueue(OutboundItem.ForPresence(seq, bytes));
        return EnqueueResult.Queued;
    }

    private EnqueueResult EnqueueLocked(OutboundItem item, bool dropIfSlow)
    {
        if (!Fits(item.Bytes, _queuedFrames + 1))
        {
            return Overflow(dropIfSlow);
        }

        _queuedBytes += item.Bytes;
        _queuedFrames++;
        _items.Enqueue(item);
        return EnqueueResult.Queued;
    }

    private bool Fits(long extraBytes, int frames) => _queuedBytes + extraBytes <= maxBytes && frames <= maxFrames;

    private EnqueueResult Overflow(bool dropIfSlow)
    {
        if (dropIfSlow)
        {
            return EnqueueResult.Dropped;
        }

        CompleteLocked(WebSocketCloseCodes.PolicyViolation, SlowConsumerReason);
        return EnqueueResult.Overflow;
    }

    private bool CompleteLocked(int closeCode, string closeReason)
    {
        if (_completed)
        {
            return false;
        }

        _completed = true;
        _items.Enqueue(OutboundItem.ForClose(closeCode, CloseReason.Truncate(closeReason)));
        return true;
    }

    /// <summary>The newest queued presence: its seq (0 when none is waiting), payload, state version and counted bytes.</summary>
    private readonly record struct PendingPresence(long Seq, ReadOnlyMemory<byte> Payload, GatewayStateVersion? StateVersion, int Bytes);
}

internal enum EnqueueResult
{
    Queued,
    Dropped,
    Overflow,
    Closed,
}
