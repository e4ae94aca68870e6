using System.Text;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Events;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>The send queue's presence rule (one unsent presence per connection) and its overflow rule.</summary>
public sealed class OutboundQueueTests
{
    private static readonly ReadOnlyMemory<byte> OldList = Encoding.UTF8.GetBytes("""{"presence":[1]}""");
    private static readonly ReadOnlyMemory<byte> NewList = Encoding.UTF8.GetBytes("""{"presence":[1,2]}""");
    private static readonly ReadOnlyMemory<byte> Chat = Encoding.UTF8.GetBytes("""{"x":1}""");

    [Fact]
    public void Queue_NewerPresenceQueued_OlderIsSkippedAsASeqGap()
    {
        var queue = new OutboundQueue(maxBytes: 1024 * 1024, maxFrames: 100);

        queue.EnqueueEvent(GatewayEventNames.Presence, OldList, withSeq: true, dropIfSlow: true, stateVersion: null);
        queue.EnqueueEvent("chat", Chat, withSeq: true, dropIfSlow: false, stateVersion: null);
        queue.EnqueueEvent(GatewayEventNames.Presence, NewList, withSeq: true, dropIfSlow: true, stateVersion: null);
        var sent = Drain(queue);

        Assert.Equal([(2L, "chat", """{"x":1}"""), (3L, "presence", """{"presence":[1,2]}""")], sent);
        Assert.Equal(0, queue.QueuedBytes);
    }

    [Fact]
    public void Queue_ManyPresenceBroadcastsToASlowReader_CountOnlyTheLatest()
    {
        var large = new byte[10_000];
        var queue = new OutboundQueue(maxBytes: 50_000, maxFrames: 10_000);

        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal(EnqueueResult.Queued, queue.EnqueueEvent(GatewayEventNames.Presence, large, withSeq: true, dropIfSlow: true, stateVersion: null));
        }

        Assert.InRange(queue.QueuedBytes, large.Length, 2 * large.Length);
        Assert.Equal([1_000L], Drain(queue).Select(item => item.Seq));
    }

    [Fact]
    public void Queue_DropIfSlowOverBudget_SkippedButSeqConsumed()
    {
        var queue = new OutboundQueue(maxBytes: 600, maxFrames: 100);
        var big = new byte[300];

        Assert.Equal(EnqueueResult.Queued, queue.EnqueueEvent("tick", big, withSeq: true, dropIfSlow: true, stateVersion: null));
        Assert.Equal(EnqueueResult.Dropped, queue.EnqueueEvent("tick", big, withSeq: true, dropIfSlow: true, stateVersion: null));
        Assert.Equal(EnqueueResult.Overflow, queue.EnqueueEvent("chat", big, withSeq: true, dropIfSlow: false, stateVersion: null));

        Assert.Equal(3, queue.LastSeq);
    }

    [Fact]
    public void Queue_IdleQueueGetsWork_WakesTheWriterOncePerBusySpell()
    {
        var writer = new CountingWriter();
        var queue = new OutboundQueue(maxBytes: 1024 * 1024, maxFrames: 100, writer);

        queue.EnqueueEvent("tick", Chat, withSeq: true, dropIfSlow: false, stateVersion: null);
        queue.EnqueueEvent("tick", Chat, withSeq: true, dropIfSlow: false, stateVersion: null);
        Assert.Equal(1, writer.Wakes);

        Assert.True(queue.TryTake(out _));
        Assert.True(queue.TryTake(out _));
        Assert.False(queue.TryTake(out _)); // empty: the writer ends and the queue is idle again
        queue.EnqueueEvent("tick", Chat, withSeq: true, dropIfSlow: false, stateVersion: null);

        Assert.Equal(2, writer.Wakes);
    }

    [Fact]
    public void Queue_WriterStopped_RefusesLaterFramesAndSignalsTheStop()
    {
        var queue = new OutboundQueue(maxBytes: 1024 * 1024, maxFrames: 100);
        var stopped = queue.WhenWriterStopped();
        queue.EnqueueEvent("tick", Chat, withSeq: true, dropIfSlow: false, stateVersion: null);

        queue.StopWriting();

        Assert.True(stopped.IsCompletedSuccessfully);
        Assert.Equal(0, queue.QueuedBytes);
        Assert.Equal(EnqueueResult.Closed, queue.EnqueueEvent("tick", Chat, withSeq: true, dropIfSlow: false, stateVersion: null));
        Assert.False(queue.TryTake(out _));
    }

    private sealed class CountingWriter : IOutboundWriter
    {
        public int Wakes { get; private set; }

        public void Wake() => Wakes++;
    }

    private static List<(long Seq, string Event, string Payload)> Drain(OutboundQueue queue)
    {
        queue.Complete(WebSocketCloseCodes.Normal, "");
        var sent = new List<(long, string, string)>();
        while (queue.TryTake(out var item))
        {
            if (item.Kind == OutboundItemKind.Close)
            {
                break;
            }

            if (item.Kind == OutboundItemKind.Presence && !queue.TryResolvePresence(item, out item))
            {
                continue;
            }

            sent.Add((item.Seq!.Value, item.Name!, Encoding.UTF8.GetString(item.Payload.Span)));
            queue.Release(item.Bytes);
        }

        return sent;
    }
}
