namespace OpenClaw.Actors.Diagnostics;

/// <summary>
/// The fixed bucket layout of grain call latency histograms, shared by silos (which count into it) and front nodes
/// (which merge the counts of several silos before reading percentiles, so percentiles are never averaged).
/// Values are microseconds. 0–7 µs get one bucket each; above that every power of two is split into four equal
/// buckets, so a bucket is at most 25% wide and a percentile read from it is off by at most that much. The last
/// bucket also takes everything above 2^36 µs (about 19 hours).
/// </summary>
public static class LatencyBuckets
{
    private const int LinearBuckets = 8;
    private const int SubBuckets = 4;
    private const int FirstExponent = 3;
    private const int LastExponent = 35;

    /// <summary>Number of buckets.</summary>
    public const int Count = LinearBuckets + (LastExponent - FirstExponent + 1) * SubBuckets;

    /// <summary>The bucket that counts <paramref name="micros"/>; negative values count as 0.</summary>
    public static int IndexOf(long micros)
    {
        if (micros < LinearBuckets) return micros <= 0 ? 0 : (int)micros;
        var exponent = 63 - (int)long.LeadingZeroCount(micros);
        if (exponent > LastExponent) return Count - 1;
        var shift = exponent - 2;
        var sub = (int)(micros >> shift) - SubBuckets;
        return LinearBuckets + (exponent - FirstExponent) * SubBuckets + sub;
    }

    /// <summary>Smallest value (µs) counted by bucket <paramref name="index"/>.</summary>
    public static long LowerBound(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        if (index < LinearBuckets) return index;
        var exponent = FirstExponent + (index - LinearBuckets) / SubBuckets;
        var sub = (index - LinearBuckets) % SubBuckets;
        return (long)(SubBuckets + sub) << (exponent - 2);
    }

    /// <summary>First value (µs) above bucket <paramref name="index"/>.</summary>
    public static long UpperBound(int index) => index == Count - 1 ? LowerBound(index) * 5 / 4 : LowerBound(index + 1);

    /// <summary>
    /// The <paramref name="quantile"/> (0..1) of the values counted in <paramref name="counts"/>, in milliseconds,
    /// interpolated linearly inside its bucket; null when nothing was counted.
    /// </summary>
    public static double? Percentile(ReadOnlySpan<long> counts, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        long total = 0;
        foreach (var count in counts) total += Math.Max(0, count);
        if (total == 0) return null;

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long before = 0;
        for (var index = 0; index < counts.Length && index < Count; index++)
        {
            var count = Math.Max(0, counts[index]);
            if (count == 0 || before + count < rank)
            {
                before += count;
                continue;
            }

            var fraction = (double)(rank - before) / count;
            var lower = LowerBound(index);
            var micros = lower + fraction * (UpperBound(index) - lower);
            return micros / 1000.0;
        }

        return UpperBound(Count - 1) / 1000.0;
    }
}
