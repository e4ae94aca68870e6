using OpenClaw.Actors.Diagnostics;

namespace OpenClaw.Actors.Runtime.Diagnostics;

/// <summary>
/// Cumulative call counters of one grain type. Recording is three interlocked increments and no allocation, so it
/// can sit on every grain call; readers copy the counters (a copy taken during a call may be off by that call).
/// </summary>
internal sealed class GrainTypeCallCounters
{
    private readonly long[] _latency = new long[LatencyBuckets.Count];
    private long _calls;
    private long _errors;

    public void Record(TimeSpan elapsed, bool failed)
    {
        Interlocked.Increment(ref _latency[LatencyBuckets.IndexOf(elapsed.Ticks / TimeSpan.TicksPerMicrosecond)]);
        if (failed) Interlocked.Increment(ref _errors);
        Interlocked.Increment(ref _calls);
    }

    public CallTotals Read()
    {
        var latency = new long[_latency.Length];
        for (var i = 0; i < latency.Length; i++) latency[i] = Volatile.Read(ref _latency[i]);
        return new CallTotals(Volatile.Read(ref _calls), Volatile.Read(ref _errors), latency);
    }
}

/// <summary>Counters at one instant: calls, errors and the latency histogram, all since the counters were created.</summary>
internal sealed record CallTotals(long Calls, long Errors, long[] Latency)
{
    public static readonly CallTotals Zero = new(0, 0, new long[LatencyBuckets.Count]);
}
