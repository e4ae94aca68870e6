using System.Diagnostics;

namespace OpenClaw.Bench.Measuring;

/// <summary>A point in Stopwatch time after which a loop stops starting new work.</summary>
internal readonly record struct Deadline(long Timestamp)
{
    public static Deadline After(TimeSpan span) =>
        new(Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency));

    public bool HasPassed => Stopwatch.GetTimestamp() >= Timestamp;
}

/// <summary>A shared allowance of work items, bounded by count and by a deadline.</summary>
internal sealed class WorkBudget(long count, Deadline deadline)
{
    private long _remaining = count;

    public bool TryTake() => !deadline.HasPassed && Interlocked.Decrement(ref _remaining) >= 0;
}
