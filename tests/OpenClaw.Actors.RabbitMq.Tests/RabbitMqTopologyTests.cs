using OpenClaw.Actors.RabbitMq.Tests.Support;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;

namespace OpenClaw.Actors.RabbitMq.Tests;

/// <summary>The shard queues' declared limits, enforced by the broker.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqTopologyTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task ShardQueueFull_NextCallFailsAtOnceAsOverloaded()
    {
        await using var cluster = new TestCluster(broker, shardCount: 1) { MaxShardQueueLength = 1 };
        var client = cluster.CreateClient(responseTimeout: TimeSpan.FromSeconds(3)); // no silo: accepted calls stay queued
        await client.ConnectAsync();
        await using var inspect = await broker.Connection.CreateChannelAsync();
        var accepted = new List<Task<string>>();
        Task<string>? refused = null;

        // A quorum queue applies x-max-length after the fact: it may take one message over the limit, then nacks.
        while (refused is null && accepted.Count < 3)
        {
            var call = client.Cluster.GetGrain<IRemoteGrain>(Wait.NewKey()).WhereAsync();
            var queued = accepted.Count + 1;
            await Wait.UntilAsync(async () => call.IsFaulted || (await inspect.QueueDeclarePassiveAsync($"{cluster.Prefix}.shard.0")).MessageCount == queued,
                "the call is refused or queued");
            if (call.IsFaulted) refused = call;
            else accepted.Add(call);
        }

        Assert.NotNull(refused);
        await Assert.ThrowsAsync<GrainOverloadedException>(() => refused);
        Assert.InRange(accepted.Count, 1, 2);
        foreach (var call in accepted) await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(Wait.Timeout));
    }

    [Fact]
    public async Task Topology_DeclaredEarlierWithOtherLimits_FailsWithAMessageNamingTheSettings()
    {
        await using var cluster = new TestCluster(broker, shardCount: 1);
        await cluster.CreateClient().ConnectAsync(); // declares the queues
        cluster.DeliveryLimit = 7;
        var client = cluster.CreateClient();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => client.Cluster.GetGrain<IRemoteGrain>(Wait.NewKey()).WhereAsync().WaitAsync(Wait.Timeout));

        Assert.Contains("Actors:RabbitMq", error.Message);
        Assert.Contains("QueuePrefix", error.Message);
    }
}
