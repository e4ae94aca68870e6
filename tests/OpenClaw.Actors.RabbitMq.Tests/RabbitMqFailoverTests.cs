using System.Diagnostics;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.RabbitMq.Tests.Support;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;
using Xunit.Abstractions;

namespace OpenClaw.Actors.RabbitMq.Tests;

/// <summary>
/// A silo dies (its connection is aborted, nothing is released): the waiting consumers take its shards over, unacked
/// calls are redelivered, and a call whose turn already wrote its state is not run twice (grain-level idempotency).
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqFailoverTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    [Fact]
    public async Task SiloDiesAfterTheTurnWroteState_RedeliveredCallAnswersFromStateWithoutRunningAgain()
    {
        await using var cluster = new TestCluster(broker, shardCount: 4);
        var first = await cluster.StartSiloAsync("silo-a");
        await Wait.UntilAsync(() => first.Ownership.OwnedShards.Count == cluster.ShardCount, "silo-a owns every shard");
        await cluster.StartSiloAsync("silo-b");
        var key = Wait.NewKey();
        var grain = cluster.CreateClient(responseTimeout: TimeSpan.FromSeconds(20)).Cluster.GetGrain<ICountingGrain>(key);
        Assert.Equal(1, await grain.ApplyOnceAsync("op-0", holdAfterWrite: false).WaitAsync(Wait.Timeout));

        var held = grain.ApplyOnceAsync("op-1", holdAfterWrite: true); // writes its state on silo-a, then never acks
        await Wait.UntilAsync(() => cluster.Ledger.RunsOf("op-1") == 1, "op-1 wrote its state on silo-a");
        await first.KillAsync();

        Assert.Equal(2, await held.WaitAsync(Wait.Timeout)); // redelivered to silo-b, answered from the stored state
        Assert.Equal(1, cluster.Ledger.RunsOf("op-1"));
        Assert.Equal(2, await grain.GetCountAsync().WaitAsync(Wait.Timeout));
        Assert.Equal(["silo-a", "silo-a"], cluster.Ledger.Entries.Select(e => e.Silo)); // both operations ran once, on silo-a
    }

    [Fact]
    public async Task SiloDies_UnderContinuousLoad_CallsCompleteOrFailRetryablyAndNoOperationRunsTwice()
    {
        await using var cluster = new TestCluster(broker, shardCount: 8) { Rebalance = true };
        var first = await cluster.StartSiloAsync("silo-a");
        await Wait.UntilAsync(() => first.Ownership.OwnedShards.Count == 8, "silo-a owns every shard");
        var second = await cluster.StartSiloAsync("silo-b");
        await Wait.UntilAsync(() => second.Ownership.OwnedShards.Count == 4, "silo-b owns half of the shards", TimeSpan.FromSeconds(20));
        var client = cluster.CreateClient(responseTimeout: TimeSpan.FromSeconds(10));
        var load = CallLoad.Start(client.Cluster, keys: 32, workers: 8, maxCalls: 20_000, maxDuration: TimeSpan.FromSeconds(60), idempotent: true);
        await load.UntilSucceededAsync(200);

        var moved = second.Ownership.OwnedShards.ToHashSet();
        var movedKey = load.Keys.First(k => moved.Contains(ShardMap.ShardOf(GrainId.Create("counting", k), 8)));
        var clock = Stopwatch.StartNew();
        await second.KillAsync();
        await client.Cluster.GetGrain<ICountingGrain>(movedKey).GetCountAsync().WaitAsync(Wait.Timeout);
        output.WriteLine($"failover: first successful call on a moved shard {clock.Elapsed.TotalMilliseconds:F0} ms after the kill");
        await Wait.UntilAsync(() => first.Ownership.OwnedShards.Count == 8, "silo-a owns every shard");
        await load.UntilSucceededAsync(load.Succeeded + 200);
        await load.StopAsync();

        output.WriteLine($"{load.Succeeded} calls succeeded, {load.Failures.Count} failed, {cluster.Ledger.Count} operations ran");
        foreach (var failure in load.Failures.Take(5)) output.WriteLine($"failure at {failure.At:g}: {failure.Error.GetType().Name}: {failure.Error.Message}");
        // What a client may see: success, or a timeout (retry with the same idempotency key); never a wrong answer.
        Assert.All(load.Failures, failure => Assert.IsAssignableFrom<TimeoutException>(failure.Error));
        Assert.Empty(cluster.Ledger.Duplicates());
        Assert.All(load.SucceededCalls.Keys, id => Assert.Equal(1, cluster.Ledger.RunsOf(id)));
        Assert.Contains(cluster.Ledger.Entries, e => e.Silo == "silo-b");
    }
}
