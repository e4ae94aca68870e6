using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using OpenClaw.Cluster.Tests.Infrastructure;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Cluster.Tests;

/// <summary>
/// A silo joins a running cluster under a continuous call load. Single-active-consumer never moves a shard by itself,
/// so the cluster hands shards over explicitly until the new silo owns its part; meanwhile no call fails and no call
/// runs twice (every chat.send lands in its session's transcript exactly once, and its run answers exactly once).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloJoinTests
{
    private const int Sessions = 12;
    private const int ClientsPerFront = 2;
    private const int MaxCalls = 600;
    private static readonly TimeSpan LoadBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RebalanceBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SiloJoins_UnderContinuousLoad_ShardsRebalanceWithNoFailedOrDuplicateCall()
    {
        await using var stub = await StubModel.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(new ClusterSpec { Silos = 1, Fronts = 2, ConfigJson = stub.ConfigJson() });
        var keys = Enumerable.Range(0, Sessions).Select(i => $"agent:main:join-{i}-{Guid.NewGuid():N}").ToArray();
        var clients = new List<GatewayTestClient>();
        foreach (var front in cluster.Fronts)
            for (var i = 0; i < ClientsPerFront; i++)
                clients.Add(await cluster.ConnectAsync(front, null, "session-scoped-events")); // no chat events: calls only

        try
        {
            var load = new CallLoad(keys);
            using var stop = new CancellationTokenSource(LoadBound);
            var workers = clients.Select((client, index) => load.RunAsync(client, index, stop.Token)).ToArray();

            await Poll.UntilAsync(() => load.Sent >= 20, TimeSpan.FromSeconds(20), "the load to get going");
            var joined = await cluster.AddSiloAsync();
            var rebalanced = await Poll.UntilAsync(
                () => ShardOwnershipLog.OwnedShards(cluster.Log(joined.Name)) is { Count: > 0 } owned ? owned : null,
                RebalanceBound, $"{joined.Name} to own shards");
            var sentAtRebalance = load.Sent;
            await Poll.UntilAsync(() => load.Sent >= sentAtRebalance + 40 || load.Sent >= MaxCalls, TimeSpan.FromSeconds(20), "load after the rebalance");
            await stop.CancelAsync();
            await Task.WhenAll(workers).WaitAsync(CallTimeout * 2);

            Assert.True(load.Failures.IsEmpty, $"{load.Failures.Count} failed calls: {string.Join("; ", load.Failures.Take(5))}");
            var original = cluster.Silos[0];
            Assert.NotEmpty(rebalanced);
            Assert.DoesNotContain(rebalanced, shard => ShardOwnershipLog.LastWordIsGained(cluster.Log(original.Name), shard));

            // Every acknowledged chat.send is in its transcript once, and answered once.
            var reader = clients[0];
            foreach (var key in keys)
            {
                var expected = load.SentTo(key);
                var history = await Poll.UntilAsync(async () =>
                {
                    var rows = await reader.HistoryAsync(key);
                    return rows.Count(r => r.Role == "assistant") >= expected.Count ? rows : null;
                }, TimeSpan.FromSeconds(30), $"every run of {key} to finish");
                var users = history.Where(r => r.Role == "user").Select(r => r.Text).ToList();
                Assert.Equal(expected.Order(StringComparer.Ordinal), users.Order(StringComparer.Ordinal));
                var answers = history.Where(r => r.Role == "assistant").Select(r => r.Text).ToList();
                Assert.Equal(expected.Select(t => $"echo: {t}").Order(StringComparer.Ordinal), answers.Order(StringComparer.Ordinal));
            }
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }

    /// <summary>
    /// Each worker loops over chat.send (a new turn, unique text and idempotency key), chat.history and health, one
    /// call at a time, until stopped or <see cref="MaxCalls"/> calls in all. A call that does not succeed is a failure.
    /// </summary>
    private sealed class CallLoad(string[] keys)
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _sent = new(StringComparer.Ordinal);
        private int _calls;

        public ConcurrentQueue<string> Failures { get; } = new();

        public int Sent => Volatile.Read(ref _calls);

        public IReadOnlyList<string> SentTo(string key) => _sent.TryGetValue(key, out var texts) ? [.. texts] : [];

        public async Task RunAsync(GatewayTestClient client, int worker, CancellationToken stop)
        {
            for (var i = 0; !stop.IsCancellationRequested && Interlocked.Increment(ref _calls) <= MaxCalls; i++)
            {
                var key = keys[(worker + i) % keys.Length];
                var (method, parameters) = (i % 3) switch
                {
                    0 or 1 => ("chat.send", ClientCalls.ChatSend(key, $"w{worker}-m{i}", $"w{worker}-m{i}-{Guid.NewGuid():N}")),
                    _ => i % 2 == 0 ? ("chat.history", new JsonObject { ["sessionKey"] = key }) : ("health", new JsonObject()),
                };
                try
                {
                    var response = await client.RequestAsync(method, parameters, timeout: CallTimeout);
                    if (!response.Ok)
                    {
                        Failures.Enqueue($"{method} {key}: {response.Error?.Code} {response.Error?.Message}");
                        continue;
                    }
                    if (method == "chat.send")
                    {
                        var status = response.Payload?.GetProperty("status").GetString();
                        if (status != "started") Failures.Enqueue($"chat.send {key}: status {status} for a new idempotency key");
                        _sent.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue((string)parameters["message"]!);
                    }
                }
                catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or InvalidOperationException)
                {
                    Failures.Enqueue($"{method} {key}: {ex.GetType().Name} {ex.Message}");
                }
            }
        }
    }
}
