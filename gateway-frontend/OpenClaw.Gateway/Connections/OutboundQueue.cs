using System.Threading.Channels;
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
/// Storage: the channel's buffer grows only as far as frames are actually queued (bounded by <c>maxFrames</c>), and
/// events keep a reference to the broadcast's shared payload, not a frame of their own.
/// </summary>
internal sealed class OutboundQueue
{
    public const string SlowConsumerReason = "slow consumer";

    private readonly Channel<OutboundItem> _channel;
    private readonly Lock _gate = new();
    private readonly long _maxBytes;
    private readonly int _maxFrames;
    private long _queuedBytes;
    private int _queuedFrames;
    private long _seq;
    private bool _completed;
    private PendingPresence _presence;

    public OutboundQueue(long maxBytes, int maxFrames)
    {
        _maxBytes = maxBytes;
        _maxFrames = maxFrames;

        // One slot more than the frame bound, for the close; the count check below refuses frames before the channel could.
        _channel = Channel.CreateBounded<OutboundItem>(new BoundedChannelOptions(maxFrames + 1)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<OutboundItem> Reader => _channel.Reader;

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
        lock (_gate)
        {
            result = _completed ? EnqueueResult.Closed : EnqueueLocked(OutboundItem.ForFrame(frame), dropIfSlow: false);
        }

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
        lock (_gate)
        {
            if (_completed)
            {
                return EnqueueResult.Closed;
            }

            long? seq = withSeq ? ++_seq : null;
            if (withSeq && eventName == GatewayEventNames.Presence)
            {
                return EnqueuePresenceLocked(seq!.Value, payloadJson, stateVersion, bytes, dropIfSlow);
            }

            return EnqueueLocked(OutboundItem.ForEvent(eventName, payloadJson, seq, stateVersion, bytes), dropIfSlow);
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
        lock (_gate)
        {
            return CompleteLocked(closeCode, closeReason);
        }
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

    /// <summary>Returns the pooled frames nobody will send (the writer stopped early).</summary>
    public void DiscardUnsent()
    {
        while (_channel.Reader.TryRead(out var item))
        {
            if (item.Kind == OutboundItemKind.Frame)
            {
                item.Frame.Return();
            }
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
        _channel.Writer.TryWrite(OutboundItem.ForPresence(seq, bytes));
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
        _channel.Writer.TryWrite(item);
        return EnqueueResult.Queued;
    }

    private bool Fits(long extraBytes, int frames) => _queuedBytes + extraBytes <= _maxBytes && frames <= _maxFrames;

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
        _channel.Writer.TryWrite(OutboundItem.ForClose(closeCode, CloseReason.Truncate(closeReason)));
        _channel.Writer.TryComplete();
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
