using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using OpenClaw.Cluster.Tests.Infrastructure;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Cluster.Tests;

/// <summary>
/// A silo joins a running cluster under a continuous call load. Single-active-consumer never moves a shard by itself,
/// so the cluster hands shards over explicitly until the new silo owns its part; meanwhile no call fails and no call
/// runs twice (every chat.send, each to a session of its own so runs never queue behind each other, lands in its
/// transcript exactly once and is answered exactly once).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloJoinTests
{
    private const int ClientsPerFront = 2;
    private const int MaxCalls = 300;
    private static readonly TimeSpan LoadBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RebalanceBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SiloJoins_UnderContinuousLoad_ShardsRebalanceWithNoFailedOrDuplicateCall()
    {
        await using var stub = await StubModel.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(new ClusterSpec { Silos = 1, Fronts = 2, ConfigJson = stub.ConfigJson() });
        var clients = new List<GatewayTestClient>();
        foreach (var front in cluster.Fronts)
            for (var i = 0; i < ClientsPerFront; i++)
                clients.Add(await cluster.ConnectAsync(front, null, "session-scoped-events")); // no chat events: calls only

        try
        {
            var load = new CallLoad();
            using var stop = new CancellationTokenSource(LoadBound);
            var workers = clients.Select((client, index) => load.RunAsync(client, index, stop.Token)).ToArray();

            await Poll.UntilAsync(() => load.Sent >= 20, TimeSpan.FromSeconds(20), "the load to get going");
            var joined = await cluster.AddSiloAsync();
            // Its fair share: half of the shards, handed over one at a time while the load goes on.
            var fairShare = cluster.Spec.ShardCount / 2;
            var rebalanced = await Poll.UntilAsync(
                () => ShardOwnershipLog.OwnedShards(cluster.Log(joined.Name)) is { } owned && owned.Count >= fairShare ? owned : null,
                RebalanceBound, $"{joined.Name} to own {fairShare} shards");
            var sentAtRebalance = load.Sent;
            var loadedAfter = await Poll.TryUntilAsync(() => load.Sent >= sentAtRebalance + 20 || load.Sent >= MaxCalls, TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await Task.WhenAll(workers).WaitAsync(CallTimeout * 2);

            Assert.True(load.Failures.IsEmpty, $"{load.Failures.Count} failed calls: {string.Join("; ", load.Failures.Take(5))}");
            Assert.True(loadedAfter, $"the load stalled after the rebalance: {load.Sent - sentAtRebalance} calls in 30 s");
            var original = cluster.Silos[0];
            Assert.NotEmpty(rebalanced);
            Assert.DoesNotContain(rebalanced, shard => ShardOwnershipLog.LastWordIsGained(cluster.Log(original.Name), shard));

            // Every acknowledged chat.send is in its transcript once, and answered once.
            var reader = clients[0];
            Assert.NotEmpty(load.Sessions);
            var wrong = new List<string>();
            foreach (var sent in load.Sessions)
            {
                await Poll.TryUntilAsync(async () => (await reader.HistoryAsync(sent.Key)).Any(r => r.Role == "assistant"), TimeSpan.FromSeconds(30));
                var history = await reader.HistoryAsync(sent.Key);
                if (history.SequenceEqual([("user", sent.Text), ("assistant", $"echo: {sent.Text}")])) continue;
                // The run's own account, from the front that started it.
                string run;
                try
                {
                    var wait = await clients[sent.Worker].RequestAsync("agent.wait", new JsonObject { ["runId"] = sent.RunId, ["timeoutMs"] = 1000 });
                    run = wait.Payload?.GetRawText() ?? $"{wait.Error?.Code} {wait.Error?.Message}";
                }
                catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or InvalidOperationException or OperationCanceledException)
                {
                    run = $"unknown ({ex.GetType().Name})";
                }
                wrong.Add($"{sent.Key}: [{string.Join(", ", history)}] run {run}");
            }
            Assert.True(wrong.Count == 0, $"{wrong.Count} of {load.Sessions.Count} sessions are not exactly one turn and its answer: {string.Join("; ", wrong.Take(5))}");
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }

    /// <summary>
    /// Each worker loops over chat.send (a new session each time, unique text and idempotency key), chat.history (of
    /// its last session) and health, one call at a time, until stopped or <see cref="MaxCalls"/> calls in all. A call
    /// that does not succeed is a failure.
    /// </summary>
    private sealed class CallLoad
    {
        private int _calls;

        public ConcurrentQueue<string> Failures { get; } = new();

        /// <summary>Every acknowledged chat.send: its session, text, run and the worker (client) that sent it.</summary>
        public ConcurrentQueue<(string Key, string Text, string RunId, int Worker)> Sessions { get; } = new();

        public int Sent => Volatile.Read(ref _calls);

        public async Task RunAsync(GatewayTestClient client, int worker, CancellationToken stop)
        {
            var last = $"agent:main:join-w{worker}-none";
            for (var i = 0; !stop.IsCancellationRequested && Interlocked.Increment(ref _calls) <= MaxCalls; i++)
            {
                var text = $"w{worker}-m{i}";
                var key = $"agent:main:join-{text}-{Guid.NewGuid():N}";
                var (method, parameters) = (i % 3) switch
                {
                    0 or 1 => ("chat.send", ClientCalls.ChatSend(key, text, $"{text}-{Guid.NewGuid():N}")),
                    _ => i % 2 == 0 ? ("chat.history", new JsonObject { ["sessionKey"] = last }) : ("health", new JsonObject()),
                };
                try
                {
                    var response = await client.RequestAsync(method, parameters, timeout: CallTimeout);
                    if (!response.Ok)
                    {
                        Failures.Enqueue($"{method}: {response.Error?.Code} {response.Error?.Message}");
                        continue;
                    }
                    if (method == "chat.send")
                    {
                        var status = response.Payload?.GetProperty("status").GetString();
                        if (status != "started") Failures.Enqueue($"chat.send {key}: status {status} for a new idempotency key");
                        Sessions.Enqueue((key, text, (string)parameters["idempotencyKey"]!, worker));
                        last = key;
                    }
                }
                catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or InvalidOperationException)
                {
                    // The test client aborts its socket when a receive times out: this worker cannot go on.
                    Failures.Enqueue($"{method} ({Volatile.Read(ref _calls)} calls in): {ex.GetType().Name} {ex.Message}");
                    return;
                }
                catch (System.Net.WebSockets.WebSocketException ex)
                {
                    Failures.Enqueue($"{method}: connection lost: {ex.Message}");
                    return;
                }
            }
        }
    }
}
