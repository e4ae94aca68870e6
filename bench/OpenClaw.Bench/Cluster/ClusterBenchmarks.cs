using System.Diagnostics;
using OpenClaw.Bench.Client;
using OpenClaw.Bench.Measuring;
using OpenClaw.Bench.Reporting;
using OpenClaw.TestStubs;

namespace OpenClaw.Bench.Cluster;

/// <summary>
/// The cluster measurements, each against the running local cluster: chat event fan-out to watchers spread over the
/// front nodes, chat.history latency through a front node and the broker, and time to the first successful call on
/// a session whose silo was killed with SIGKILL.
/// </summary>
internal sealed class ClusterBenchmarks(ClusterProcesses cluster, OpenAiStubServer stub, ClusterBenchOptions options, Action<string> progress)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FanOutLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FailoverLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FailoverTarget = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<ResultRow>> FanOutAsync(CancellationToken cancellationToken)
    {
        stub.SetDefault(new StubReply { TextChunks = [.. Enumerable.Range(0, options.ChunksPerRun).Select(i => $"c{i} ")] });
        var watchers = new List<ClusterBenchClient>();
        var endpoints = cluster.Fronts.Select(f => new GatewayEndpoint(f.Url!, cluster.Token, "cli")).ToList();
        try
        {
            foreach (var endpoint in endpoints)
                for (var i = 0; i < options.WatchersPerFront; i++)
                    watchers.Add(await ClusterBenchClient.OpenAsync(endpoint, cancellationToken));
            using var senderEndpoint = new GatewayEndpoint(cluster.Fronts[0].Url!, cluster.Token, "cli", ["operator.read", "operator.write"], ["session-scoped-events"]);
            await using var sender = await ClusterBenchClient.OpenAsync(senderEndpoint, cancellationToken);
            var sessions = Enumerable.Range(0, options.FanOutSessions).Select(i => $"agent:main:fanout-{i}-{Guid.NewGuid():N}").ToArray();

            var started = Stopwatch.GetTimestamp();
            var sends = Enumerable.Range(0, options.FanOutRuns).Select(i => sender.CallAsync("chat.send", new Dictionary<string, object>
            {
                ["sessionKey"] = sessions[i % sessions.Length], ["message"] = $"fan-out {i}", ["idempotencyKey"] = Guid.NewGuid().ToString(),
            }, CallTimeout, cancellationToken));
            var answers = await Task.WhenAll(sends);
            var refused = answers.Count(r => !r.Ok);
            foreach (var reason in answers.Where(r => !r.Ok).Select(r => r.Frame).Distinct().Take(3)) progress($"fan-out: chat.send not acknowledged: {reason}");
            // A send whose answer timed out may still have run: wait for every run, count what arrived.
            var expectedTerminals = (long)options.FanOutRuns * watchers.Count;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(FanOutLimit);
            var settle = Stopwatch.GetTimestamp();
            while (watchers.Sum(w => w.TerminalEvents) < expectedTerminals && !limit.IsCancellationRequested
                   && (refused == 0 || Stopwatch.GetElapsedTime(settle) < TimeSpan.FromSeconds(15)))
                await Task.Delay(20, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var delivered = watchers.Sum(w => w.ChatEvents);
            var terminals = watchers.Sum(w => w.TerminalEvents);
            progress($"fan-out: {delivered} chat events to {watchers.Count} watchers in {elapsed.TotalSeconds:0.00} s; {terminals}/{expectedTerminals} terminal; {refused} refused");
            return
            [
                new ResultRow($"chat events/s fanned out ({options.Fronts} fronts × {options.WatchersPerFront} watchers, {options.FanOutRuns} runs × {options.ChunksPerRun} chunks)",
                    $"{delivered / elapsed.TotalSeconds:0} events/s ({delivered} in {elapsed.TotalSeconds:0.00} s)"),
                new ResultRow("fan-out: runs' terminal events delivered to every watcher",
                    $"{terminals}/{expectedTerminals}, {refused} chat.send not acknowledged", "all, every send acknowledged", terminals == expectedTerminals && refused == 0),
            ];
        }
        finally
        {
            foreach (var watcher in watchers) await watcher.DisposeAsync();
            foreach (var endpoint in endpoints) endpoint.Dispose();
            stub.SetDefault(null);
        }
    }

    public async Task<IReadOnlyList<ResultRow>> CallLatencyAsync(CancellationToken cancellationToken)
    {
        using var endpoint = new GatewayEndpoint(cluster.Fronts[0].Url!, cluster.Token, "cli");
        await using var client = await ClusterBenchClient.OpenAsync(endpoint, cancellationToken);
        var key = $"agent:main:latency-{Guid.NewGuid():N}";
        var history = new Dictionary<string, object> { ["sessionKey"] = key, ["limit"] = 1 };
        for (var i = 0; i < 20; i++) await client.CallAsync("chat.history", history, CallTimeout, cancellationToken); // warm-up
        var latencies = new LatencyRecorder(options.LatencyCalls);
        var failed = 0;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < options.LatencyCalls; i++)
        {
            var before = Stopwatch.GetTimestamp();
            var (ok, _) = await client.CallAsync("chat.history", history, CallTimeout, cancellationToken);
            if (ok) latencies.Record(Stopwatch.GetTimestamp() - before);
            else failed++;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        var summary = latencies.Summarize();
        var p50 = summary.Percentile(50);
        progress($"chat.history through the cluster: p50 {p50.TotalMilliseconds:0.00} ms, p99 {summary.Percentile(99).TotalMilliseconds:0.00} ms");
        return
        [
            new ResultRow("chat.history via front + broker + silo (2 grain calls), sequential p50 / p99",
                $"{p50.TotalMilliseconds:0.00} / {summary.Percentile(99).TotalMilliseconds:0.00} ms ({options.LatencyCalls / elapsed.TotalSeconds:0} calls/s, {failed} failed)",
                "no failed call", failed == 0),
        ];
    }

    public async Task<IReadOnlyList<ResultRow>> FailoverAsync(CancellationToken cancellationToken)
    {
        using var endpoint = new GatewayEndpoint(cluster.Fronts[^1].Url!, cluster.Token, "cli");
        await using var client = await ClusterBenchClient.OpenAsync(endpoint, cancellationToken);
        var times = new List<TimeSpan>();
        var failedCalls = 0;
        for (var round = 1; round <= options.FailoverRounds; round++)
        {
            var key = $"agent:main:failover-{Guid.NewGuid():N}";
            var history = new Dictionary<string, object> { ["sessionKey"] = key, ["limit"] = 1 };
            var (ok, frame) = await client.CallAsync("chat.history", history, CallTimeout, cancellationToken);
            if (!ok) throw new InvalidOperationException($"the first call on {key} failed: {frame}");
            var shard = ShardOwners.ShardOfSession(key, cluster.ShardCount);
            var owner = await WaitForOwnerAsync(shard, cancellationToken);

            var killedAt = Stopwatch.GetTimestamp();
            cluster.Kill(owner);
            while (true)
            {
                var elapsed = Stopwatch.GetElapsedTime(killedAt);
                if (elapsed > FailoverLimit) throw new TimeoutException($"no successful call on shard {shard} within {FailoverLimit}");
                (ok, _) = await client.CallAsync("chat.history", history, TimeSpan.FromSeconds(2), cancellationToken);
                if (ok) break;
                failedCalls++;
            }
            var failover = Stopwatch.GetElapsedTime(killedAt);
            times.Add(failover);
            progress($"failover round {round}: {owner.Name} killed, shard {shard} answered again after {failover.TotalMilliseconds:0} ms");
            await cluster.AddSiloAsync(); // back to full strength for the next round
        }
        var worst = times.Max();
        return
        [
            new ResultRow($"failover after kill -9: time to first successful call on the moved shard ({times.Count} rounds)",
                $"{string.Join(", ", times.Select(t => $"{t.TotalMilliseconds:0} ms"))}; {failedCalls} calls failed meanwhile",
                $"< {FailoverTarget.TotalSeconds:0} s", worst < FailoverTarget),
        ];
    }

    private async Task<ClusterNode> WaitForOwnerAsync(int shard, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(10 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (ShardOwners.Owner(cluster, shard) is { } owner) return owner;
            await Task.Delay(50, cancellationToken);
        }
        throw new TimeoutException($"no silo log names an owner of shard {shard}");
    }
}
