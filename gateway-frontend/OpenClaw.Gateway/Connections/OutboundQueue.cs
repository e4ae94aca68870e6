using System.Threading.Channels;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// The bounded send queue of one connection, drained by a single writer so sends never overlap. Event sequence
/// numbers are assigned here, under the same lock as the enqueue, so seq order is wire order.
/// Overflow rule (spec §1): when a frame would take the queue past <c>maxBytes</c> (or <c>maxFrames</c>), a
/// drop-if-slow event is skipped (its seq is still consumed, so the client sees a gap); any other frame closes the
/// connection 1008 "slow consumer".
/// </summary>
internal sealed class OutboundQueue(long maxBytes, int maxFrames)
{
    public const string SlowConsumerReason = "slow consumer";

    private readonly Channel<OutboundItem> _channel = Channel.CreateUnbounded<OutboundItem>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly Lock _gate = new();
    private long _queuedBytes;
    private int _queuedFrames;
    private long _seq;
    private bool _completed;

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

    public EnqueueResult Enqueue(byte[] frame)
    {
        lock (_gate)
        {
            return _completed ? EnqueueResult.Closed : EnqueueLocked(frame, dropIfSlow: false);
        }
    }

    /// <summary>Queues an event frame with the next seq (or none, for the pre-hello challenge).</summary>
    public EnqueueResult EnqueueEvent(string eventName, ReadOnlySpan<byte> payloadJson, bool withSeq, bool dropIfSlow, GatewayStateVersion? stateVersion)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return EnqueueResult.Closed;
            }

            long? seq = withSeq ? ++_seq : null;
            return EnqueueLocked(FrameWriter.Event(eventName, payloadJson, seq, stateVersion), dropIfSlow);
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

    private EnqueueResult EnqueueLocked(byte[] frame, bool dropIfSlow)
    {
        if (_queuedBytes + frame.Length > maxBytes || _queuedFrames + 1 > maxFrames)
        {
            if (dropIfSlow)
            {
                return EnqueueResult.Dropped;
            }

            CompleteLocked(WebSocketCloseCodes.PolicyViolation, SlowConsumerReason);
            return EnqueueResult.Overflow;
        }

        _queuedBytes += frame.Length;
        _queuedFrames++;
        _channel.Writer.TryWrite(new OutboundItem(frame, 0, null));
        return EnqueueResult.Queued;
    }

    private bool CompleteLocked(int closeCode, string closeReason)
    {
        if (_completed)
        {
            return false;
        }

        _completed = true;
        _channel.Writer.TryWrite(new OutboundItem(null, closeCode, CloseReason.Truncate(closeReason)));
        _channel.Writer.TryComplete();
        return true;
    }
}

/// <summary>A frame to send, or (when <see cref="Frame"/> is null) the close to send after all frames.</summary>
internal readonly record struct OutboundItem(byte[]? Frame, int CloseCode, string? CloseReason);

internal enum EnqueueResult
{
    Queued,
    Dropped,
    Overflow,
    Closed,
}
