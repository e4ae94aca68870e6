using OpenClaw.Bench.Reporting;

namespace OpenClaw.Bench.Benchmarks;

/// <summary>Time from starting the gateway process to its first <c>/readyz</c> 200, over several fresh processes.</summary>
internal sealed class StartupBenchmark(string siloPath, int runs, Action<string> progress)
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(CancellationToken cancellationToken)
    {
        var metric = $"startup: process start → first /readyz 200 (min / median / max of {runs})";
        var times = new List<TimeSpan>(runs);
        try
        {
            for (var run = 0; run < runs; run++)
            {
                await using var gateway = GatewayProcess.Start(siloPath);
                times.Add(await gateway.WaitUntilReadyAsync(ReadyLimit, cancellationToken));
                progress($"startup run {run + 1}/{runs}: {Format.Seconds(times[^1])}");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            progress($"startup failed: {ex.Message}");
            return [ResultRow.Failed(metric, ex.Message.Split('\n')[0], "median < 1.5 s")];
        }

        times.Sort();
        var median = times[times.Count / 2];
        var value = $"{Format.Seconds(times[0])} / {Format.Seconds(median)} / {Format.Seconds(times[^1])}";
        return [new ResultRow(metric, value, "median < 1.5 s", median < Target)];
    }
}
