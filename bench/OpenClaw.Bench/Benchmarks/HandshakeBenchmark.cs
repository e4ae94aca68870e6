using System.Diagnostics;
using OpenClaw.Bench.Client;
using OpenClaw.Bench.Measuring;
using OpenClaw.Bench.Reporting;

namespace OpenClaw.Bench.Benchmarks;

/// <summary>Full connection cycles per second: open → challenge → connect → hello-ok → close,
/// with a fixed number of workers (concurrency stays under the gateway's pre-auth per-IP cap).</summary>
internal sealed class HandshakeBenchmark(GatewayEndpoint endpoint, CpuMeter cpu, int total, int concurrency, TimeSpan timeLimit)
{
    public async Task<IReadOnlyList<ResultRow>> RunAsync(CancellationToken cancellationToken)
    {
        // Warm-up so the JIT and first-use caches of both sides are not part of the rate.
        var warmUp = Math.Min(total, 4 * concurrency);
        await RunWorkersAsync(new WorkBudget(warmUp, Deadline.After(timeLimit)), new LatencyRecorder(warmUp), new FailureLog(), cancellationToken);

        var budget = new WorkBudget(total, Deadline.After(timeLimit));
        var latencies = new LatencyRecorder(total);
        var failures = new FailureLog();
        var started = Stopwatch.GetTimestamp();
        var cpuSample = cpu.Start();
        await RunWorkersAsync(budget, latencies, failures, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuUse = cpuSample.Stop();

        var summary = latencies.Summarize();
        var rate = summary.Count / elapsed.TotalSeconds;
        var value = $"{Format.Rate(rate)} ({Format.Count(summary.Count)} in {Format.Seconds(elapsed)}; " +
                    $"hello-ok p50 {Format.Milliseconds(summary.Percentile(50))}, p99 {Format.Milliseconds(summary.Percentile(99))}; " +
                    $"{Format.Cpu(cpuUse)})";
        if (failures.Count > 0)
            value += $"; {failures}";
        return [new ResultRow($"handshakes/s ({Format.Count(total)} connections, {concurrency} concurrent)", value)];
    }

    private Task RunWorkersAsync(WorkBudget budget, LatencyRecorder latencies, FailureLog failures, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, concurrency)
            .Select(_ => Task.Run(() => WorkAsync(budget, latencies, failures, cancellationToken), cancellationToken)));

    private async Task WorkAsync(WorkBudget budget, LatencyRecorder latencies, FailureLog failures, CancellationToken cancellationToken)
    {
        while (budget.TryTake())
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var connection = await GatewayConnection.OpenAsync(endpoint, cancellationToken);
                var helloTicks = Stopwatch.GetTimestamp() - started;
                await connection.CloseAsync(cancellationToken);
                latencies.Record(helloTicks);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add(ex);
            }
        }
    }
}
