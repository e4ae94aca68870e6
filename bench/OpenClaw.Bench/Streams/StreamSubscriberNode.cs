using System.Collections.Concurrent;
using System.Diagnostics;
using OpenClaw.Actors;
using OpenClaw.Bench.Measuring;

namespace OpenClaw.Bench.Streams;

/// <summary>
/// What one subscriber node saw through its namespace subscription: items delivered, items out of order per stream
/// (must stay 0), and publish→deliver latency of each item (up to the recorder's capacity).
/// </summary>
internal sealed class StreamSubscriberNode(LatencyRecorder latencies)
{
    private readonly ConcurrentDictionary<StreamId, long> _lastSeq = new();
    private long _delivered;
    private long _outOfOrder;

    private LatencyRecorder _latencies = latencies;

    public long Delivered => Interlocked.Read(ref _delivered);

    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <summary>Starts a new phase: counts from zero, latencies into <paramref name="latencies"/> (shared by the subscribers; streams keep their last position).</summary>
    public void Reset(LatencyRecorder latencies)
    {
        Volatile.Write(ref _latencies, latencies);
        Interlocked.Exchange(ref _delivered, 0);
        Interlocked.Exchange(ref _outOfOrder, 0);
    }

    public Task OnNextAsync(StreamId streamId, BenchStreamEvent item, CancellationToken cancellationToken)
    {
        Volatile.Read(ref _latencies).Record(Stopwatch.GetTimestamp() - item.PublishedAt);
        var previous = _lastSeq.GetValueOrDefault(streamId, -1);
        if (item.Seq != previous + 1) Interlocked.Increment(ref _outOfOrder);
        _lastSeq[streamId] = item.Seq; // one drain task per subscription: no concurrent writers for a stream
        Interlocked.Increment(ref _delivered);
        return Task.CompletedTask;
    }
}
