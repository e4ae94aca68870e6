using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Gateway.Logging;

/// <summary>
/// The queue between logging call sites and the single file writer; logging never blocks the caller.
/// Overflow rule: Debug/Trace records are dropped once the queue is <see cref="LowPriorityShare"/> full, so they go
/// first and leave room for Information and above; when the queue is completely full every new record is dropped.
/// Drops are counted and reported by the writer as one "N log records dropped" line.
/// </summary>
internal sealed class BoundedLogQueue
{
    public const int DefaultCapacity = 10_000;
    public const double LowPriorityShare = 0.8;

    private readonly Channel<LogRecord> _channel;
    private readonly int _lowPriorityLimit;
    private long _dropped;

    public BoundedLogQueue(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _lowPriorityLimit = Math.Max(1, (int)(capacity * LowPriorityShare));
        _channel = Channel.CreateBounded<LogRecord>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public int Capacity { get; }

    public ChannelReader<LogRecord> Reader => _channel.Reader;

    /// <summary>Records currently dropped and not yet reported.</summary>
    public long PendingDrops => Interlocked.Read(ref _dropped);

    /// <summary>Queues the record, or drops (and counts) it under the overflow rule. Never blocks.</summary>
    public bool TryEnqueue(LogRecord record)
    {
        var lowPriority = record.Level <= LogLevel.Debug;
        if ((lowPriority && _channel.Reader.Count >= _lowPriorityLimit) || !_channel.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        return true;
    }

    /// <summary>Returns the drops counted since the last call and resets the count.</summary>
    public long TakeDrops() => Interlocked.Exchange(ref _dropped, 0);

    /// <summary>No more records are accepted; the writer drains what is queued and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
