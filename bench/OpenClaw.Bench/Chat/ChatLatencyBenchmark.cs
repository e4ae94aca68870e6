using System.Diagnostics;
using OpenClaw.Bench.Client;
using OpenClaw.Bench.Measuring;
using OpenClaw.Bench.Reporting;

namespace OpenClaw.Bench.Chat;

/// <summary>chat.send → <c>final</c> latency with <paramref name="sessions"/> sessions at once, each on its own
/// connection and each sending its next message when the previous run is final; bounded by a run count and a time
/// limit shared by all sessions, after a warm-up of <paramref name="warmUpTime"/>. Each sender moves to a fresh session key after
/// <paramref name="turnsPerKey"/> turns, so every model call carries a chat-sized history, not one that grows with the run count.
/// With a <paramref name="thinkTime"/> the row is paced instead of closed-loop: each session sends its next message a think
/// time after its previous final, so the gateway runs below saturation and the latency is not a queueing number. The think
/// time is drawn per turn from [T/2, 3T/2] and each session starts at a random offset in [0, T): with one fixed T the
/// sessions stay phase-locked and arrive as bursts of 32, which measures a burst queue, not independent users.</summary>
internal sealed class ChatLatencyBenchmark(
    GatewayEndpoint endpoint, CpuMeter cpu, int sessions, int runs, TimeSpan timeLimit, TimeSpan warmUpTime, TimeSpan stubMedian, int turnsPerKey, string mode,
    TimeSpan thinkTime = default)
{
    private static readonly TimeSpan TargetOverheadP50 = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan TargetOverheadP99 = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(10);

    public async Task<ResultRow> RunAsync(CancellationToken cancellationToken)
    {
        var metric = thinkTime > TimeSpan.Zero
            ? $"chat.send → final, {sessions} sessions paced, each sending a think time of {Format.Milliseconds(thinkTime / 2)}–{Format.Milliseconds(thinkTime * 1.5)} (mean {Format.Milliseconds(thinkTime)}, random per turn) after its previous final ({mode}, ≤{turnsPerKey} turns per session key, zero-delay stub)"
            : sessions == 1
            ? $"chat.send → final, 1 session sequential ({mode}, ≤{turnsPerKey} turns per session key, zero-delay stub)"
            : $"chat.send → final, {sessions} sessions at once ({mode}, ≤{turnsPerKey} turns per session key, zero-delay stub)";
        var target = $"overhead p50 < {Format.Milliseconds(TargetOverheadP50)}, p99 < {Format.Milliseconds(TargetOverheadP99)}";
        var clients = new List<ChatClient>(sessions);
        try
        {
            for (var i = 0; i < sessions; i++)
                clients.Add(await ChatClient.OpenAsync(endpoint, cancellationToken));

            var warmUp = new WorkBudget(runs, Deadline.After(warmUpTime));
            await RunWorkersAsync(clients, "warm", warmUp, new LatencyRecorder(1), new FailureLog(), cancellationToken);

            var latencies = new LatencyRecorder(runs);
            var failures = new FailureLog();
            var started = Stopwatch.GetTimestamp();
            var cpuSample = cpu.Start();
            await RunWorkersAsync(clients, "run", new WorkBudget(runs, Deadline.After(timeLimit)), latencies, failures, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpuUse = cpuSample.Stop();

            var summary = latencies.Summarize();
            if (summary.Count == 0)
                return ResultRow.Failed(metric, failures.Count > 0 ? failures.ToString() : "no run finished", target);
            var p50 = summary.Percentile(50);
            var p99 = summary.Percentile(99);
            var overheadP50 = p50 - stubMedian;
            var overheadP99 = p99 - stubMedian;
            var value = $"p50 {Format.Milliseconds(p50)}, p99 {Format.Milliseconds(p99)}; gateway overhead p50 {Format.Milliseconds(overheadP50)}, " +
                        $"p99 {Format.Milliseconds(overheadP99)} ({Format.Count(summary.Count)} runs in {Format.Seconds(elapsed)}, " +
                        $"{Format.Rate(summary.Count / elapsed.TotalSeconds)}; {Format.Cpu(cpuUse)}; " +
                        $"gateway CPU {Format.Milliseconds(elapsed * (cpuUse.Gateway / 100) / summary.Count)} per run)";
            if (thinkTime > TimeSpan.Zero)
                value += $"; offered at most {Format.Rate(sessions / thinkTime.TotalSeconds)} ({sessions} sessions / {Format.Milliseconds(thinkTime)} mean think time), " +
                         $"achieved {Format.Rate(summary.Count / elapsed.TotalSeconds)}";
            if (failures.Count > 0)
                value += $"; {failures}";
            var met = failures.Count == 0 && overheadP50 < TargetOverheadP50 && overheadP99 < TargetOverheadP99;
            return new ResultRow(metric, value, target, met);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }

    private Task RunWorkersAsync(
        IReadOnlyList<ChatClient> clients, string phase, WorkBudget budget, LatencyRecorder latencies, FailureLog failures,
        CancellationToken cancellationToken) =>
        Task.WhenAll(clients.Select((client, index) =>
            Task.Run(() => WorkAsync(client, $"agent:main:bench-{clients.Count}x{(thinkTime > TimeSpan.Zero ? "p" : "")}-{index}-{phase}", budget, latencies, failures,
                    new Random(index), cancellationToken),
                cancellationToken)));

    private async Task WorkAsync(
        ChatClient client, string keyPrefix, WorkBudget budget, LatencyRecorder latencies, FailureLog failures, Random jitter,
        CancellationToken cancellationToken)
    {
        if (thinkTime > TimeSpan.Zero)
            await Task.Delay(thinkTime * jitter.NextDouble(), cancellationToken);
        var turns = 0;
        while (budget.TryTake())
        {
            var sessionKey = $"{keyPrefix}-k{turns / turnsPerKey}";
            turns++;
            using var runTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            runTimeout.CancelAfter(RunTimeout);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var finalAt = await client.SendAsync(sessionKey, runTimeout.Token);
                latencies.Record(finalAt - started);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add(ex);
                if (client.IsClosed)
                    return; // later sends would fail the same way
            }

            if (thinkTime > TimeSpan.Zero)
                await Task.Delay(thinkTime * (0.5 + jitter.NextDouble()), cancellationToken);
        }
    }
}
