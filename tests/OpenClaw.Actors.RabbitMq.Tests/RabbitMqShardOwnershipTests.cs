using OpenClaw.Actors.Placement;
using OpenClaw.Actors.RabbitMq.Tests.Support;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;
using Xunit.Abstractions;

namespace OpenClaw.Actors.RabbitMq.Tests;

/// <summary>Single-active-consumer across two silos in one process: one owner per shard, and failover when it goes.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqShardOwnershipTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    [Fact]
    public async Task TwoSilos_FiftyKeys_EveryShardHasOneOwnerAndEveryGrainOneActivation()
    {
        await using var cluster = new TestCluster(broker);
        var (first, second) = await StartSplitAsync(cluster);
        var client = cluster.CreateClient();

        var keys = Enumerable.Range(0, 50).Select(_ => Wait.NewKey()).ToList();
        var answers = await Task.WhenAll(keys.Select(k => client.Cluster.GetGrain<IRemoteGrain>(k).WhereAsync())).WaitAsync(Wait.Timeout);
        await Task.WhenAll(keys.Select(k => client.Cluster.GetGrain<IRemoteGrain>(k).IncrementAsync())).WaitAsync(Wait.Timeout);

        Assert.Empty(first.Ownership.OwnedShards.Intersect(second.Ownership.OwnedShards));
        Assert.Equal(cluster.ShardCount, first.Ownership.OwnedShards.Count + second.Ownership.OwnedShards.Count);
        Assert.Contains("silo-a", answers);
        Assert.Contains("silo-b", answers);
        for (var i = 0; i < keys.Count; i++)
        {
            var owner = new[] { first, second }.Single(s => s.Ownership.IsOwned(ShardOf(cluster, keys[i])));
            Assert.Equal(owner.Name, answers[i]);
            Assert.Equal([owner.Name], cluster.Activations.SilosOf(keys[i]));
        }
    }

    [Fact]
    public async Task ReleaseShard_CallsDuringTheHandOff_FinishOnTheOldOwnerOrWaitForTheNewOne()
    {
        await using var cluster = new TestCluster(broker, shardCount: 2);
        var first = await StartOwningEverythingAsync(cluster, "silo-a");
        var second = await cluster.StartSiloAsync("silo-b");
        var client = cluster.CreateClient();
        var key = Wait.NewKey();
        var grain = client.Cluster.GetGrain<IRemoteGrain>(key);
        Assert.Equal(1, await grain.IncrementAsync().WaitAsync(Wait.Timeout));

        var running = grain.SlowAsync(500);
        await Wait.UntilAsync(() => first.InFlightCalls > 0, "the slow call runs on the first silo");
        var release = first.ReleaseShardAsync(ShardOf(cluster, key)); // drains from here on
        var during = grain.WhereAsync();

        await running.WaitAsync(Wait.Timeout);
        Assert.True(await release);
        Assert.Equal("silo-b", await during.WaitAsync(Wait.Timeout));
        Assert.Equal(1, await grain.IncrementAsync().WaitAsync(Wait.Timeout)); // a fresh activation (the test grain keeps no state)
        Assert.Equal(["silo-a", "silo-b"], cluster.Activations.SilosOf(key));
        Assert.DoesNotContain(ShardOf(cluster, key), first.Ownership.OwnedShards);
        Assert.True(second.Ownership.IsOwned(ShardOf(cluster, key)));
    }

    [Fact]
    public async Task ReleaseShard_TurnInFlightCallsAGrainOfTheSameShard_HandOffGivesUpWithinTheDrainBoundAndTheCallCompletes()
    {
        // One shard: every grain shares it. The turn in flight asks another grain of the shard while the shard drains;
        // the drain holds that call, so waiting for the turn would wait for the call's deadline (20 s here).
        await using var cluster = new TestCluster(broker, shardCount: 1) { ResponseTimeout = TimeSpan.FromSeconds(20) };
        var first = await StartOwningEverythingAsync(cluster, "silo-a");
        await cluster.StartSiloAsync("silo-b");
        var client = cluster.CreateClient(responseTimeout: TimeSpan.FromSeconds(20));
        var asking = client.Cluster.GetGrain<IRemoteGrain>(Wait.NewKey()).AskWhereLaterAsync(Wait.NewKey(), delayMilliseconds: 300);
        await Wait.UntilAsync(() => first.InFlightCalls > 0, "the asking turn runs on the first silo");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var released = await first.ReleaseShardAsync(0);
        var took = clock.Elapsed;

        Assert.False(released);
        Assert.InRange(took, TimeSpan.Zero, new RabbitMqTransportOptions().HandOffDrainTimeout + TimeSpan.FromSeconds(3));
        Assert.Equal("silo-a", await asking.WaitAsync(Wait.Timeout)); // the held call ran here once the hand-off gave up
        Assert.True(first.Ownership.IsOwned(0));
    }

    [Fact]
    public async Task ActiveSiloStops_ShardsFailOverToTheOtherSilo_CallsKeepWorking()
    {
        await using var cluster = new TestCluster(broker);
        var first = await StartOwningEverythingAsync(cluster, "silo-a");
        var second = await cluster.StartSiloAsync("silo-b");
        var client = cluster.CreateClient();
        var keys = Enumerable.Range(0, 20).Select(_ => Wait.NewKey()).ToList();
        var before = await Task.WhenAll(keys.Select(k => client.Cluster.GetGrain<IRemoteGrain>(k).WhereAsync())).WaitAsync(Wait.Timeout);
        Assert.All(before, where => Assert.Equal("silo-a", where));
        Assert.Empty(second.Ownership.OwnedShards);

        await first.StopAsync();

        var after = await Task.WhenAll(keys.Select(k => client.Cluster.GetGrain<IRemoteGrain>(k).WhereAsync())).WaitAsync(Wait.Timeout);
        Assert.All(after, where => Assert.Equal("silo-b", where));
        await Wait.UntilAsync(() => second.Ownership.OwnedShards.Count == cluster.ShardCount, "the second silo owns every shard");
        Assert.All(keys, key => Assert.Equal(["silo-a", "silo-b"], cluster.Activations.SilosOf(key)));
    }

    [Fact]
    public async Task ActiveSiloDies_UnsettledCallIsRedeliveredToTheOtherSilo()
    {
        await using var cluster = new TestCluster(broker);
        var first = await StartOwningEverythingAsync(cluster, "silo-a");
        var second = await cluster.StartSiloAsync("silo-b");
        var client = cluster.CreateClient(responseTimeout: TimeSpan.FromSeconds(8));
        var key = Wait.NewKey();
        var grain = client.Cluster.GetGrain<IRemoteGrain>(key);
        Assert.Equal("silo-a", await grain.WhereAsync().WaitAsync(Wait.Timeout));

        var held = grain.SlowAsync(3_000); // running on silo-a, unacked, when it dies
        await Wait.UntilAsync(() => first.InFlightCalls > 0, "the slow call runs on the first silo");
        await first.KillAsync();

        await held.WaitAsync(Wait.Timeout); // redelivered to silo-b, which ran it to the end and answered
        Assert.Equal("silo-b", await grain.WhereAsync().WaitAsync(Wait.Timeout));
        Assert.Equal(["silo-a", "silo-b"], cluster.Activations.SilosOf(key));
        Assert.Contains(ShardMap.ShardOf(GrainId.Create("remote", key), cluster.ShardCount), second.Ownership.OwnedShards);
    }

    [Fact]
    public async Task ShardChannelClosedByTheBroker_ConsumerIsReopened_CallsToThatShardResume()
    {
        await using var cluster = new TestCluster(broker, shardCount: 2);
        var silo = await StartOwningEverythingAsync(cluster, "silo-a");
        var client = cluster.CreateClient();
        var key = Enumerable.Range(0, 100).Select(_ => Wait.NewKey()).First(k => ShardOf(cluster, k) == 0);
        var grain = client.Cluster.GetGrain<IRemoteGrain>(key);
        Assert.Equal(1, await grain.IncrementAsync().WaitAsync(Wait.Timeout));

        // Acking a delivery tag the broker never sent is a channel error: the broker closes that channel (not the connection).
        await silo.Consumer.ReceiverOf(0).AckAsync(999_999).WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => !silo.Ownership.IsOwned(0), "shard 0 is lost with its channel");

        Assert.Equal(1, await grain.IncrementAsync().WaitAsync(Wait.Timeout)); // a fresh activation once the consumer is back
        Assert.True(silo.Ownership.IsOwned(0));
    }

    private static int ShardOf(TestCluster cluster, string key) => ShardMap.ShardOf(GrainId.Create("remote", key), cluster.ShardCount);

    private static async Task<TestSilo> StartOwningEverythingAsync(TestCluster cluster, string name)
    {
        var silo = await cluster.StartSiloAsync(name);
        await Wait.UntilAsync(() => silo.Ownership.OwnedShards.Count == cluster.ShardCount, $"{name} owns every shard");
        return silo;
    }

    /// <summary>
    /// Two silos sharing the shards: the first subscribes first and so owns everything (3.10 never rebalances), then
    /// hands the even shards to the second, which waits behind it on every queue.
    /// </summary>
    private async Task<(TestSilo First, TestSilo Second)> StartSplitAsync(TestCluster cluster)
    {
        var first = await StartOwningEverythingAsync(cluster, "silo-a");
        var second = await cluster.StartSiloAsync("silo-b");
        for (var shard = 0; shard < cluster.ShardCount; shard += 2) Assert.True(await first.ReleaseShardAsync(shard));
        await Wait.UntilAsync(() => second.Ownership.OwnedShards.Count == (cluster.ShardCount + 1) / 2, "the second silo owns the even shards");
        output.WriteLine($"shards: silo-a [{string.Join(",", first.Ownership.OwnedShards)}], silo-b [{string.Join(",", second.Ownership.OwnedShards)}]");
        return (first, second);
    }
}
