using System.Diagnostics;
using OpenClaw.Bench.Client;
using OpenClaw.Bench.Measuring;
using OpenClaw.Bench.Reporting;

namespace OpenClaw.Bench.Chat;

/// <summary>
/// <paramref name="sessions"/> chat.send at once, spread over <paramref name="connections"/> connections that each
/// advertise <c>session-scoped-events</c> (so a connection receives only the runs it started, not all of them);
/// counts the <c>final</c> events that arrive within <paramref name="waitLimit"/>.
/// </summary>
internal sealed class ChatStreamingBenchmark(GatewayEndpoint endpoint, CpuMeter cpu, int sessions, int connections, TimeSpan waitLimit)
{
    public async Task<ResultRow> RunAsync(CancellationToken cancellationToken)
    {
        var metric = $"{Format.Count(sessions)} concurrent sessions streaming ({connections} connections, session-scoped events)";
        const string target = "0 finals missing";
        var clients = new List<ChatClient>(connections);
        try
        {
            for (var i = 0; i < connections; i++)
                clients.Add(await ChatClient.OpenAsync(endpoint, cancellationToken));

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(waitLimit);
            var latencies = new LatencyRecorder(sessions);
            var cpuSample = cpu.Start();
            var started = Stopwatch.GetTimestamp();
            var runs = Enumerable.Range(0, sessions)
                .Select(n => RunOneAsync(clients[n % connections], $"agent:main:bench-{n}", started, latencies, wait.Token))
                .ToList();
            var outcomes = await Task.WhenAll(runs);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpuUse = cpuSample.Stop();

            var finals = outcomes.Count(o => o is null);
            var timedOut = outcomes.Count(o => o is OperationCanceledException);
            var failed = outcomes.Where(o => o is not null and not OperationCanceledException).ToList();
            var missing = sessions - finals;
            var summary = latencies.Summarize();
            var value = $"{Format.Count(finals)} of {Format.Count(sessions)} finals, {Format.Count(missing)} missing " +
                        $"({Format.Count(timedOut)} not within {Format.Seconds(waitLimit)}, {Format.Count(failed.Count)} failed); " +
                        $"all done in {Format.Seconds(elapsed)}; burst start → final p50 {Format.Milliseconds(summary.Percentile(50))}, " +
                        $"p99 {Format.Milliseconds(summary.Percentile(99))}; {Format.Cpu(cpuUse)}";
            if (failed.Count > 0)
                value += $"; first failure: {failed[0]!.GetType().Name}: {failed[0]!.Message}";
            return new ResultRow(metric, value, target, missing == 0);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }

    /// <summary>Null when the run's final arrived, else why not.</summary>
    private static async Task<Exception?> RunOneAsync(
        ChatClient client, string sessionKey, long started, LatencyRecorder latencies, CancellationToken cancellationToken)
    {
        try
        {
            var finalAt = await client.SendAsync(sessionKey, cancellationToken);
            latencies.Record(finalAt - started);
            return null;
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
            return ex;
        }
    }
}
