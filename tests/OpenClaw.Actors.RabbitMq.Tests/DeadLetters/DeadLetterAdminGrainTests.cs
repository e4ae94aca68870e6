using OpenClaw.Actors.DeadLetters;
using OpenClaw.Actors.RabbitMq.Tests.Support;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;

namespace OpenClaw.Actors.RabbitMq.Tests.DeadLetters;

/// <summary>
/// Dead letters as an operator sees them from a front node: through <see cref="IDeadLetterAdminGrain"/>, a grain call
/// over the broker to whichever silo owns its shard (a front never touches the dead-letter queue itself).
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class DeadLetterAdminGrainTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan CallerTimeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task CallThatKeepsKillingItsSilo_IsDeadLetteredAfterTheDeliveryLimit_ListedAndRedriven_ThenRunsOnce()
    {
        await using var cluster = new TestCluster(broker, shardCount: 2) { DeliveryLimit = 1 };
        var key = Wait.NewKey();
        var siloA = await cluster.StartSiloAsync("silo-a");
        await Wait.UntilAsync(() => siloA.Ownership.OwnedShards.Count == cluster.ShardCount, "silo-a owns every shard");
        var caller = cluster.CreateClient(responseTimeout: CallerTimeout);
        var poison = caller.Cluster.GetGrain<IRemoteGrain>(key).SlowAsync(4_000);

        // The call's turn outlives its silo twice: the broker's delivery count passes the limit of 1.
        await Wait.UntilAsync(() => siloA.InFlightCalls == 1, "silo-a runs the call");
        await siloA.KillAsync();
        var siloB = await cluster.StartSiloAsync("silo-b");
        await Wait.UntilAsync(() => siloB.InFlightCalls == 1, "silo-b got the call again");
        await siloB.KillAsync();
        var siloC = await cluster.StartSiloAsync("silo-c");
        var operatorClient = cluster.CreateClient();
        var admin = operatorClient.Cluster.GetGrain<IDeadLetterAdminGrain>(DeadLetterAdmin.Key);

        var listed = await Wait.ForAsync(async () => (await admin.ListAsync(10, CancellationToken.None)).SingleOrDefault(),
            "the call is listed as a dead letter");
        Assert.Equal(["silo-a", "silo-b"], cluster.Activations.SilosOf(key));
        Assert.Equal(MessageKinds.Call, listed.Kind);
        Assert.Equal($"remote/{key}", listed.Target);
        Assert.Equal("SlowAsync", listed.Method);
        Assert.Equal("delivery_limit", listed.Reason);
        Assert.Equal(ShardOf(cluster, key), listed.Shard);
        Assert.Equal($"{cluster.Prefix}.shard.{listed.Shard}", listed.SourceQueue);
        Assert.NotNull(listed.DeadLetteredAtMs);
        Assert.NotNull(listed.MessageId);
        Assert.Equal(0, siloC.InFlightCalls);

        Assert.Equal(0, await admin.RedriveAsync(["not-a-dead-letter"], 10, 30_000, CancellationToken.None).WaitAsync(Wait.Timeout));
        Assert.Equal(1, await admin.RedriveAsync([listed.MessageId!], 10, 30_000, CancellationToken.None).WaitAsync(Wait.Timeout));

        await Wait.UntilAsync(() => cluster.Activations.SilosOf(key).Contains("silo-c"), "silo-c runs the re-driven call");
        await Wait.UntilAsync(() => siloC.InFlightCalls == 0, "the re-driven call finished and was acked");
        Assert.Equal(["silo-a", "silo-b", "silo-c"], cluster.Activations.SilosOf(key));
        Assert.Empty(await admin.ListAsync(10, CancellationToken.None).WaitAsync(Wait.Timeout));
        // The re-driven copy keeps the call's reply address: a caller still waiting gets its answer.
        await poison.WaitAsync(Wait.Timeout);
    }

    [Fact]
    public async Task List_OfAnEmptyDeadLetterQueue_IsEmpty_AndRedriveOfAllRedrivesNothing()
    {
        await using var cluster = new TestCluster(broker, shardCount: 2);
        var silo = await cluster.StartSiloAsync("silo-a");
        await Wait.UntilAsync(() => silo.Ownership.OwnedShards.Count == cluster.ShardCount, "the silo owns every shard");
        var admin = cluster.CreateClient().Cluster.GetGrain<IDeadLetterAdminGrain>(DeadLetterAdmin.Key);

        Assert.Empty(await admin.ListAsync(10, CancellationToken.None).WaitAsync(Wait.Timeout));
        Assert.Equal(0, await admin.RedriveAsync(null, 10, 30_000, CancellationToken.None).WaitAsync(Wait.Timeout));
    }

    private static int ShardOf(TestCluster cluster, string key)
        => OpenClaw.Actors.Placement.ShardMap.ShardOf(GrainId.Create("remote", key), cluster.ShardCount);
}
