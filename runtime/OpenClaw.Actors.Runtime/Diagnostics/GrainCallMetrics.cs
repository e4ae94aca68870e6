using System.Collections.Concurrent;
using OpenClaw.Actors.Diagnostics;

namespace OpenClaw.Actors.Runtime.Diagnostics;

/// <summary>
/// Grain call metrics of one silo, per grain type: calls, errors (calls that ended with an exception) and latency,
/// recorded by the catalog for every call it dispatches (queueing in the activation's mailbox included). Recording is
/// lock-free and allocation-free once a grain type has been seen; <see cref="Snapshot"/> reads the totals and the
/// recent window (<see cref="Window"/>, default <see cref="DefaultWindow"/>). Memory is bounded by the number of
/// grain types the silo hosts (a fixed, registered set).
/// </summary>
public sealed class GrainCallMetrics(TimeProvider time, TimeSpan? window = null)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time = time;
    private readonly ConcurrentDictionary<GrainType, Entry> _byType = new();
    private readonly Lock _readLock = new();

    public TimeSpan Window { get; } = window is { } w && w > TimeSpan.Zero ? w : DefaultWindow;

    /// <summary>Counts one finished call of <paramref name="grainType"/> that took <paramref name="elapsed"/>.</summary>
    public void Record(GrainType grainType, TimeSpan elapsed, bool failed)
    {
        if (!_byType.TryGetValue(grainType, out var entry))
            entry = _byType.GetOrAdd(grainType, static (_, metrics) => new Entry(new CallWindow(metrics.Window, metrics._time.GetUtcNow())), this);
        entry.Counters.Record(elapsed, failed);
    }

    /// <summary>One sample per grain type seen so far, ordered by grain type; <see cref="GrainTypeSample.Activations"/> is 0 (the catalog knows those).</summary>
    public IReadOnlyList<GrainTypeSample> Snapshot()
    {
        var now = _time.GetUtcNow();
        var samples = new List<GrainTypeSample>(_byType.Count);
        lock (_readLock)
        {
            foreach (var (grainType, entry) in _byType)
            {
                var totals = entry.Counters.Read();
                var delta = entry.Window.Advance(now, totals);
                samples.Add(new GrainTypeSample(grainType.Value, 0, totals.Calls, totals.Errors,
                    delta.Seconds, delta.Calls, delta.Errors, TrimTrailingZeros(delta.Latency)));
            }
        }

        samples.Sort(static (a, b) => string.CompareOrdinal(a.GrainType, b.GrainType));
        return samples;
    }

    private static long[] TrimTrailingZeros(long[] buckets)
    {
        var length = buckets.Length;
        while (length > 0 && buckets[length - 1] == 0) length--;
        return buckets[..length];
    }

    private sealed class Entry(CallWindow window)
    {
        public GrainTypeCallCounters Counters { get; } = new();
        public CallWindow Window { get; } = window;
    }
}
