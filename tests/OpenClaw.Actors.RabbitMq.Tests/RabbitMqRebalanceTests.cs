using OpenClaw.Actors.RabbitMq.Silo.Rebalancing;
using OpenClaw.Actors.RabbitMq.Tests.Support;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;
using Xunit.Abstractions;

namespace OpenClaw.Actors.RabbitMq.Tests;

/// <summary>
/// Silos joining and leaving under a continuous call load: shards move by explicit hand-offs until each silo owns about
/// ShardCount / silos, and every call the client made succeeds and ran exactly once.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqRebalanceTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private const int Shards = 16;
    private static readonly TimeSpan ConvergenceBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Membership_TwoSilosThenOne_CountsTheLiveSilos()
    {
        await using var cluster = new TestCluster(broker, shardCount: 4);
        var first = await cluster.StartSiloAsync("silo-a");
        var second = await cluster.StartSiloAsync("silo-b");
        var topology = new ShardTopology(new RabbitMqTransportOptions { QueuePrefix = cluster.Prefix, ShardCount = cluster.ShardCount });

        var both = await SiloMembership.CountAsync(broker.Connection, topology, CancellationToken.None).WaitAsync(Wait.Timeout);
        await second.KillAsync();
        var one = await SiloMembership.CountAsync(broker.Connection, topology, CancellationToken.None).WaitAsync(Wait.Timeout);

        Assert.Equal(2, both);
        Assert.Equal(1, one);
        await Wait.UntilAsync(() => first.Ownership.OwnedShards.Count == 4, "silo-a owns every shard");
    }

    [Fact]
    public async Task SecondSiloJoins_UnderContinuousLoad_ShardsSplitEvenlyAndEveryCallRunsExactlyOnce()
    {
        await using var cluster = new TestCluster(broker, Shards) { Rebalance = true };
        var first = await cluster.StartSiloAsync("silo-a");
        await Wait.UntilAsync(() => first.Ownership.OwnedShards.Count == Shards, "silo-a owns every shard");
        var client = cluster.CreateClient();
        var load = CallLoad.Start(client.Cluster, keys: 48, workers: 8, maxCalls: 20_000, maxDuration: TimeSpan.FromSeconds(60));
        await load.UntilSucceededAsync(200);

        var joined = load.Elapsed;
        var second = await cluster.StartSiloAsync("silo-b");
        await Wait.UntilAsync(() => first.Ownership.OwnedShards.Count == Shards / 2 && second.Ownership.OwnedShards.Count == Shards / 2,
            "each silo owns half of the shards", ConvergenceBound);
        output.WriteLine($"converged {load.Elapsed - joined:g} after silo-b joined; shards a [{string.Join(",", first.Ownership.OwnedShards)}] b [{string.Join(",", second.Ownership.OwnedShards)}]");
        var atConvergence = load.Succeeded;
        await load.UntilSucceededAsync(atConvergence + 200);
        await load.StopAsync();

        await AssertExactlyOnceAsync(cluster, client, load);
        Assert.Contains(cluster.Ledger.Entries, e => e.Silo == "silo-b");
        // Stable: no further moves once both are at their fair share.
        Assert.Equal(Shards / 2, first.Ownership.OwnedShards.Count);
        Assert.Equal(0, await first.Consumer.RebalanceAsync(CancellationToken.None).WaitAsync(Wait.Timeout));
        Assert.Equal(0, await second.Consumer.RebalanceAsync(CancellationToken.None).WaitAsync(Wait.Timeout));
    }

    [Fact]
    public async Task SiloLeavesGracefully_UnderContinuousLoad_TheOtherTakesEveryShardAndEveryCallRunsExactlyOnce()
    {
        await using var cluster = new TestCluster(broker, Shards) { Rebalance = true };
        var first = await cluster.StartSiloAsync("silo-a");
        await Wait.UntilAsync(() => first.Ownership.OwnedShards.Count == Shards, "silo-a owns every shard");
        var second = await cluster.StartSiloAsync("silo-b");
        await Wait.UntilAsync(() => second.Ownership.OwnedShards.Count == Shards / 2, "silo-b owns half of the shards", ConvergenceBound);
        var client = cluster.CreateClient();
        var load = CallLoad.Start(client.Cluster, keys: 48, workers: 8, maxCalls: 20_000, maxDuration: TimeSpan.FromSeconds(60));
        await load.UntilSucceededAsync(200);

        await second.StopAsync().WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => first.Ownership.OwnedShards.Count == Shards, "silo-a owns every shard again");
        await load.UntilSucceededAsync(load.Succeeded + 200);
        await load.StopAsync();

        await AssertExactlyOnceAsync(cluster, client, load);
        Assert.Contains(cluster.Ledger.Entries, e => e.Silo == "silo-b");
    }

    [Fact]
    public async Task ThirdSiloJoins_UnderContinuousLoad_EachOwnsAtMostItsFairShareAndEveryCallRunsExactlyOnce()
    {
        await using var cluster = new TestCluster(broker, Shards) { Rebalance = true };
        var silos = new List<TestSilo> { await cluster.StartSiloAsync("silo-a") };
        await Wait.UntilAsync(() => silos[0].Ownership.OwnedShards.Count == Shards, "silo-a owns every shard");
        silos.Add(await cluster.StartSiloAsync("silo-b"));
        await Wait.UntilAsync(() => silos[1].Ownership.OwnedShards.Count == Shards / 2, "silo-b owns half of the shards", ConvergenceBound);
        var client = cluster.CreateClient();
        var load = CallLoad.Start(client.Cluster, keys: 48, workers: 8, maxCalls: 20_000, maxDuration: TimeSpan.FromSeconds(60));
        await load.UntilSucceededAsync(200);

        silos.Add(await cluster.StartSiloAsync("silo-c"));
        var fairShare = (Shards + 2) / 3; // ceil(16 / 3) = 6
        await Wait.UntilAsync(() => silos.All(s => s.Ownership.OwnedShards.Count <= fairShare) && silos.Sum(s => s.Ownership.OwnedShards.Count) == Shards,
            "every silo owns at most its fair share", ConvergenceBound);
        output.WriteLine($"shards per silo: {string.Join(", ", silos.Select(s => $"{s.Name} {s.Ownership.OwnedShards.Count}"))}");
        await load.UntilSucceededAsync(load.Succeeded + 200);
        await load.StopAsync();

        await AssertExactlyOnceAsync(cluster, client, load);
        Assert.All(silos, s => Assert.InRange(s.Ownership.OwnedShards.Count, Shards - 2 * fairShare, fairShare));
        Assert.Contains(cluster.Ledger.Entries, e => e.Silo == "silo-c");
    }

    [Fact]
    public async Task ReleaseShard_CallsQueuedBehindTheHandOff_RunInPublishOrder()
    {
        // One client channel, so calls are published (and queued) in the order they are made.
        await using var cluster = new TestCluster(broker, shardCount: 1) { ClientChannelCount = 1 };
        var first = await cluster.StartSiloAsync("silo-a");
        await Wait.UntilAsync(() => first.Ownership.OwnedShards.Count == 1, "silo-a owns the shard");
        var second = await cluster.StartSiloAsync("silo-b");
        var grain = cluster.CreateClient().Cluster.GetGrain<ICountingGrain>(Wait.NewKey());
        Assert.Equal(1, await grain.CountAsync("warm-up").WaitAsync(Wait.Timeout));

        // Calls pile up: about prefetch-many accepted by silo-a, the rest waiting in the queue. The hand-off starts
        // while silo-a is working through them: it finishes what it accepted, returns what arrived after the drain
        // began, and silo-b must take up exactly where silo-a stopped.
        var calls = Enumerable.Range(0, 300).Select(i => grain.CountAfterAsync($"call-{i:D3}", 2)).ToList();
        await Wait.UntilAsync(() => cluster.Ledger.Count >= 30, "silo-a ran some of the calls");
        var release = first.ReleaseShardAsync(0);

        await Task.WhenAll(calls).WaitAsync(Wait.Timeout + Wait.Timeout);
        Assert.True(await release.WaitAsync(Wait.Timeout));
        var ran = cluster.Ledger.Entries.Skip(1).ToList();
        output.WriteLine($"silo-a ran {ran.Count(e => e.Silo == "silo-a")}, silo-b {ran.Count(e => e.Silo == "silo-b")}");
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"call-{i:D3}"), ran.Select(e => e.CallId));
        Assert.Equal(Enumerable.Range(2, 300), calls.Select(c => c.Result));
        Assert.Contains(ran, e => e.Silo == "silo-b");
        Assert.Equal(ran.Count(e => e.Silo == "silo-a"), ran.TakeWhile(e => e.Silo == "silo-a").Count()); // one switch, no interleaving
        Assert.True(second.Ownership.IsOwned(0));
    }

    private async Task AssertExactlyOnceAsync(TestCluster cluster, TestClient client, CallLoad load)
    {
        output.WriteLine($"{load.Succeeded} calls succeeded, {load.Failures.Count} failed, {cluster.Ledger.Count} turns ran");
        foreach (var failure in load.Failures.Take(5)) output.WriteLine($"failure at {failure.At:g}: {failure.Error.GetType().Name}: {failure.Error.Message}");
        Assert.Empty(load.Failures);
        Assert.Empty(cluster.Ledger.Duplicates());
        Assert.Equal(load.Succeeded, cluster.Ledger.Count);
        Assert.All(load.SucceededCalls.Keys, callId => Assert.Equal(1, cluster.Ledger.RunsOf(callId)));
        // Each grain's persisted count equals what the client saw succeed for it.
        var perKey = load.SucceededCalls.GroupBy(c => c.Value).ToDictionary(g => g.Key, g => g.Count());
        foreach (var key in load.Keys)
        {
            var counted = await client.Cluster.GetGrain<ICountingGrain>(key).GetCountAsync().WaitAsync(Wait.Timeout);
            Assert.Equal(perKey.GetValueOrDefault(key), counted);
        }
    }
}
