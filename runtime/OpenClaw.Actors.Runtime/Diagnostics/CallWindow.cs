namespace OpenClaw.Actors.Runtime.Diagnostics;

/// <summary>
/// The recent window of one grain type's counters, kept on the reader's side so recording stays a plain increment:
/// each read stores a sample of the cumulative totals (at most one per tenth of the window), and the window's
/// numbers are the difference between now and the newest sample that is at least a window old (or the oldest one
/// while the counters are younger than that). Samples older than that base are dropped, so at most about a dozen
/// are kept. Not thread-safe: <see cref="GrainCallMetrics"/> reads under its lock.
/// </summary>
internal sealed class CallWindow
{
    private const double MinimumSeconds = 1;

    private readonly List<(DateTimeOffset At, CallTotals Totals)> _samples = [];
    private readonly TimeSpan _length;
    private readonly TimeSpan _spacing;

    public CallWindow(TimeSpan length, DateTimeOffset createdAt)
    {
        _length = length;
        _spacing = length / 10;
        _samples.Add((createdAt, CallTotals.Zero));
    }

    public WindowDelta Advance(DateTimeOffset now, CallTotals current)
    {
        while (_samples.Count > 1 && now - _samples[1].At >= _length) _samples.RemoveAt(0);
        var (baseAt, baseTotals) = _samples[0];
        if (now - _samples[^1].At >= _spacing) _samples.Add((now, current));

        var latency = new long[current.Latency.Length];
        for (var i = 0; i < latency.Length; i++) latency[i] = Math.Max(0, current.Latency[i] - baseTotals.Latency[i]);
        // At least a second: right after start a single call over a few milliseconds would read as hundreds per second.
        var seconds = Math.Max(MinimumSeconds, (now - baseAt).TotalSeconds);
        return new WindowDelta(seconds, Math.Max(0, current.Calls - baseTotals.Calls), Math.Max(0, current.Errors - baseTotals.Errors), latency);
    }
}

/// <summary>What happened in the window: its length, calls, errors and the latency histogram of those calls.</summary>
internal readonly record struct WindowDelta(double Seconds, long Calls, long Errors, long[] Latency);
