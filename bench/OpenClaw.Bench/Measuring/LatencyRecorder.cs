using System.Diagnostics;

namespace OpenClaw.Bench.Measuring;

/// <summary>Latencies as raw Stopwatch ticks in a preallocated array, safe for concurrent writers.
/// Overflow rule: samples beyond the capacity are counted but not stored (percentiles use the first ones).</summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;

    public int Count => Math.Min(Volatile.Read(ref _count), _ticks.Length);

    public void Record(long elapsedTicks)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < _ticks.Length)
            _ticks[index] = elapsedTicks;
    }

    /// <summary>Sorts a copy once; call after all writers finished.</summary>
    public LatencySummary Summarize()
    {
        var sorted = _ticks.AsSpan(0, Count).ToArray();
        Array.Sort(sorted);
        return new LatencySummary(sorted);
    }
}

/// <summary>Percentiles over sorted Stopwatch ticks (nearest-rank).</summary>
internal sealed class LatencySummary(long[] sortedTicks)
{
    public int Count => sortedTicks.Length;

    public TimeSpan Percentile(double percent)
    {
        if (sortedTicks.Length == 0)
            return TimeSpan.Zero;
        var rank = (int)Math.Ceiling(percent / 100.0 * sortedTicks.Length);
        return Stopwatch.GetElapsedTime(0, sortedTicks[Math.Clamp(rank - 1, 0, sortedTicks.Length - 1)]);
    }
}
