using System.Diagnostics;
using OpenClaw.Bench.Client;
using OpenClaw.Bench.Measuring;
using OpenClaw.Bench.Reporting;

namespace OpenClaw.Bench.Benchmarks;

/// <summary><c>health</c> throughput and latency at several in-flight levels, each after a warm-up on the same connections.</summary>
internal sealed class RpcBenchmark(GatewayEndpoint endpoint, CpuMeter cpu, BenchOptions options, Action<string> progress)
{
    private const double TargetRate = 50_000;
    private static readonly TimeSpan TargetP99 = TimeSpan.FromMilliseconds(5);
    private const int TargetInFlight = 256;
    /// <summary>How long in-flight requests may take to drain once the time limit has passed.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        var targetLoad = options.RpcLoads.FirstOrDefault(l => l.InFlight == TargetInFlight) ?? options.RpcLoads.MaxBy(l => l.InFlight);
        foreach (var load in options.RpcLoads)
        {
            var metric = $"health RPC, {load.InFlight} in flight ({load.Connections} conn × {load.PerConnection})";
            var target = load == targetLoad ? $"≥ {Format.Rate(TargetRate)}, p99 < {Format.Milliseconds(TargetP99)}" : "";
            try
            {
                var result = await MeasureAsync(load, cancellationToken);
                var met = load == targetLoad ? result.Rate >= TargetRate && result.P99 < TargetP99 : (bool?)null;
                if (result.Failures.Length > 0)
                    met = load == targetLoad ? false : null;
                rows.Add(new ResultRow(metric, result.Describe(), target, met));
                progress($"{metric}: {result.Describe()}");
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException
                                       && !cancellationToken.IsCancellationRequested)
            {
                rows.Add(ResultRow.Failed(metric, ex.Message, target));
            }
        }
        return rows;
    }

    private async Task<RpcResult> MeasureAsync(RpcLoad load, CancellationToken cancellationToken)
    {
        var connections = new List<PipelinedGatewayConnection>(load.Connections);
        try
        {
            for (var i = 0; i < load.Connections; i++)
                connections.Add(PipelinedGatewayConnection.Open(endpoint, cancellationToken));

            await RunOnceAsync(connections, load, options.RpcWarmUp, options.RpcMaxRequests, cancellationToken);
            return await RunOnceAsync(connections, load, options.RpcTimeLimit, options.RpcMaxRequests, cancellationToken);
        }
        finally
        {
            foreach (var connection in connections)
            {
                CloseQuietly(connection);
                connection.Dispose();
            }
        }
    }

    private async Task<RpcResult> RunOnceAsync(
        IReadOnlyList<PipelinedGatewayConnection> connections, RpcLoad load, TimeSpan timeLimit, int maxRequests, CancellationToken cancellationToken)
    {
        var budget = new WorkBudget(maxRequests, Deadline.After(timeLimit));
        var latencies = new LatencyRecorder(maxRequests);
        var drivers = connections.Select((c, i) => new RpcConnectionDriver(c, i, load.PerConnection)).ToList();

        var started = Stopwatch.GetTimestamp();
        var cpuSample = cpu.Start();
        var failures = new FailureLog();
        try
        {
            await new RpcLoadLoop(drivers).RunAsync(budget, latencies, Deadline.After(timeLimit + DrainLimit), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            failures.Add(ex);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuUse = cpuSample.Stop();
        var summary = latencies.Summarize();
        var errors = drivers.Sum(d => d.ErrorResponses);
        var failureText = failures.Count > 0 ? failures.ToString()
            : errors > 0 ? $"{Format.Count(errors)} ok:false responses, first: {drivers.Select(d => d.FirstError).First(e => e is not null)}" : "";
        return new RpcResult(summary.Count, elapsed, summary.Percentile(50), summary.Percentile(99), summary.Percentile(99.9), cpuUse, failureText);
    }

    private static void CloseQuietly(PipelinedGatewayConnection connection)
    {
        try
        {
            connection.Close(CloseTimeout);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or InvalidOperationException or ObjectDisposedException)
        {
            // Teardown only: a connection that failed is disposed just the same.
        }
    }

    private sealed record RpcResult(int Completed, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99, TimeSpan P999, (double Gateway, double Bench) Cpu, string Failures)
    {
        public double Rate => Completed / Elapsed.TotalSeconds;

        public string Describe()
        {
            var text = $"{Format.Rate(Rate)}; p50 {Format.Milliseconds(P50)}, p99 {Format.Milliseconds(P99)}, " +
                       $"p99.9 {Format.Milliseconds(P999)} ({Format.Count(Completed)} requests in {Format.Seconds(Elapsed)}; {Format.Cpu(Cpu)}; " +
                       $"per request: gateway {MicrosecondsPerRequest(Cpu.Gateway)}, bench {MicrosecondsPerRequest(Cpu.Bench)} of CPU)";
            return Failures.Length > 0 ? $"{text}; {Failures}" : text;
        }

        /// <summary>CPU time per completed request from a share of one core over the run: the load-independent cost.</summary>
        private string MicrosecondsPerRequest(double percentOfCore) =>
            Completed == 0 ? "n/a"
                : (percentOfCore / 100 * Elapsed.TotalSeconds / Completed * 1e6).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " µs";
    }
}
