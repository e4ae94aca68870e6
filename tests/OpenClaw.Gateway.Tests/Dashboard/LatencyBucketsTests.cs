using OpenClaw.Actors.Diagnostics;

namespace OpenClaw.Gateway.Tests.Dashboard;

/// <summary>The fixed latency bucket layout silos count into and fronts merge: contiguous, at most 25% wide, percentiles read back.</summary>
public sealed class LatencyBucketsTests
{
    [Fact]
    public void Buckets_AreContiguousAndAtMostAQuarterWide()
    {
        for (var index = 0; index < LatencyBuckets.Count - 1; index++)
        {
            Assert.Equal(LatencyBuckets.UpperBound(index), LatencyBuckets.LowerBound(index + 1));
            var lower = LatencyBuckets.LowerBound(index);
            var width = LatencyBuckets.UpperBound(index) - lower;
            Assert.True(width >= 1 && (lower < 8 || width * 4 <= lower), $"bucket {index} [{lower}, {LatencyBuckets.UpperBound(index)}) is too wide");
        }
    }

    [Theory]
    [InlineData(-5L)]
    [InlineData(0L)]
    [InlineData(7L)]
    [InlineData(8L)]
    [InlineData(999L)]
    [InlineData(1_000L)]
    [InlineData(1_234_567L)]
    [InlineData(60_000_000L)]
    public void IndexOf_PutsTheValueInsideItsBucket(long micros)
    {
        var index = LatencyBuckets.IndexOf(micros);
        var value = Math.Max(0, micros);

        Assert.InRange(value, LatencyBuckets.LowerBound(index), LatencyBuckets.UpperBound(index) - 1);
    }

    [Fact]
    public void IndexOf_HugeValue_GoesToTheLastBucket() =>
        Assert.Equal(LatencyBuckets.Count - 1, LatencyBuckets.IndexOf(long.MaxValue));

    [Fact]
    public void Percentile_NothingCounted_IsNull() =>
        Assert.Null(LatencyBuckets.Percentile(new long[LatencyBuckets.Count], 0.5));

    [Fact]
    public void Percentile_ReadsMedianAndTailWithinABucketWidth()
    {
        var counts = new long[LatencyBuckets.Count];
        counts[LatencyBuckets.IndexOf(1_000)] += 98;   // 1 ms
        counts[LatencyBuckets.IndexOf(50_000)] += 2;   // 50 ms

        var p50 = LatencyBuckets.Percentile(counts, 0.50)!.Value;
        var p99 = LatencyBuckets.Percentile(counts, 0.99)!.Value;

        Assert.InRange(p50, 0.75, 1.25);
        Assert.InRange(p99, 40, 62.5);
    }
}
