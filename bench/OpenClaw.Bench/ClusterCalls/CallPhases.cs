using OpenClaw.Actors;
using System.Diagnostics;
using OpenClaw.Bench.Measuring;

namespace OpenClaw.Bench.ClusterCalls;

/// <summary>The measurements: sequential latency, concurrent throughput, failover time.</summary>
internal static class CallPhases
{
    public sealed record LatencyResult(int Calls, TimeSpan P50, TimeSpan P99, TimeSpan Max);

    public sealed record ThroughputResult(int Calls, int Failures, TimeSpan Elapsed)
    {
        public double PerSecond => Calls / Elapsed.TotalSeconds;
    }

    /// <summary>One caller, one call at a time: the latency of the call path alone.</summary>
    public static async Task<LatencyResult> SequentialAsync(IClusterClient client, int calls, CancellationToken cancellationToken)
    {
        var grain = client.GetGrain<IPingGrain>("latency");
        for (var i = 0; i < Math.Min(200, calls); i++) await grain.PingAsync(i).WaitAsync(cancellationToken); // warm-up
        var recorder = new LatencyRecorder(calls);
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await grain.PingAsync(i).WaitAsync(cancellationToken);
            recorder.Record(Stopwatch.GetTimestamp() - start);
        }

        var summary = recorder.Summarize();
        return new LatencyResult(summary.Count, summary.Percentile(50), summary.Percentile(99), summary.Percentile(100));
    }

    /// <summary><paramref name="workers"/> callers over as many grains, each one call at a time, for <paramref name="duration"/>.</summary>
    public static async Task<ThroughputResult> ConcurrentAsync(IClusterClient client, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var calls = 0;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var grain = client.GetGrain<IPingGrain>($"throughput-{worker}");
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await grain.PingAsync(worker);
                    Interlocked.Increment(ref calls);
                }
                catch (Exception exception) when (exception is TimeoutException or GrainOverloadedException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        return new ThroughputResult(calls, failures, clock.Elapsed);
    }

    /// <summary>Calls <paramref name="key"/> until one succeeds; the time from <paramref name="since"/> to that answer.</summary>
    public static async Task<TimeSpan> FirstSuccessAsync(IClusterClient client, string key, long since, TimeSpan bound, CancellationToken cancellationToken)
    {
        var grain = client.GetGrain<IPingGrain>(key);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(bound);
        while (true)
        {
            try
            {
                await grain.PingAsync(1).WaitAsync(TimeSpan.FromSeconds(2), limit.Token);
                return Stopwatch.GetElapsedTime(since);
            }
            catch (TimeoutException) when (!limit.IsCancellationRequested)
            {
                // Not yet served by the new owner (or the call was lost with the old one); try again.
            }
        }
    }
}
