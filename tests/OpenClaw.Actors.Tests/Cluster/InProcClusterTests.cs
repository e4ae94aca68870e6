using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Testing;
using OpenClaw.Actors.Tests.Support;
using OpenClaw.Actors.Tests.TestGrains;

namespace OpenClaw.Actors.Tests.Cluster;

/// <summary>
/// The in-process cluster: calls reach the silo owning the grain's shard, cross silos through the wire codec, and
/// grains survive silo stops, kills and rebalancing with their stored state.
/// </summary>
public sealed class InProcClusterTests
{
    private readonly Probes _probes = new();

    private void Grains(IServiceCollection services) => services
        .AddSingleton(_probes)
        .AddGrain<IPlacementGrain, PlacementGrain>()
        .AddGrain<IStatefulGrain, StatefulGrain>();

    [Fact]
    public async Task Cluster_CallsFromClient_RunOnTheOwningSilo()
    {
        await using var cluster = await InProcCluster.StartAsync(3, Grains);

        for (var i = 0; i < 20; i++)
        {
            var key = Wait.NewKey();
            var where = await cluster.Client.GetGrain<IPlacementGrain>(key).WhereAsync().WaitAsync(Wait.Timeout);
            Assert.Equal(cluster.SiloName(cluster.OwnerOf(GrainId.Create("placement", key))), where);
        }

        Assert.All(cluster.ShardCounts(), count => Assert.InRange(count, 5, 6));
    }

    [Fact]
    public async Task Cluster_GrainCallsGrainOnAnotherSilo_ResultCrossesTheCodec()
    {
        await using var cluster = await InProcCluster.StartAsync(2, Grains);
        var (first, second) = KeysOnDifferentSilos(cluster);

        var where = await cluster.Client.GetGrain<IPlacementGrain>(first).AskOtherWhereAsync(second).WaitAsync(Wait.Timeout);
        var greeting = await cluster.Client.GetGrain<IPlacementGrain>(first).GreetAsync(new Greeting("hi", 1, ["x"])).WaitAsync(Wait.Timeout);

        Assert.Equal(cluster.SiloName(cluster.OwnerOf(GrainId.Create("placement", second))), where);
        Assert.Equal(new Greeting("hi", 2, greeting.Tags), greeting);
        Assert.Equal(["x"], greeting.Tags);
    }

    [Fact]
    public async Task Cluster_NonSerializableArgument_FailsAcrossSilos()
    {
        await using var cluster = await InProcCluster.StartAsync(2, Grains);

        await Assert.ThrowsAsync<NotSupportedException>(
            () => cluster.Client.GetGrain<IPlacementGrain>(Wait.NewKey()).TakeAsync(new NotSerializable(typeof(int))).WaitAsync(Wait.Timeout));
    }

    [Fact]
    public async Task Cluster_ExceptionsAcrossTheCodec_DomainKeepsCodeUnknownBecomesGrainInvocation()
    {
        await using var cluster = await InProcCluster.StartAsync(2, Grains);
        var grain = cluster.Client.GetGrain<IPlacementGrain>(Wait.NewKey());

        var domain = await Assert.ThrowsAsync<DomainException>(() => grain.FailAsync("BUSY", "busy now").WaitAsync(Wait.Timeout));
        var unknown = await Assert.ThrowsAsync<GrainInvocationException>(() => grain.ThrowCustomAsync("boom").WaitAsync(Wait.Timeout));

        Assert.Equal(("BUSY", "busy now", true), (domain.Code, domain.Message, domain.Retryable));
        Assert.Equal(typeof(CustomTestException).FullName, unknown.OriginalType);
    }

    [Fact]
    public async Task Cluster_KillOwningSilo_GrainReactivatesElsewhereWithStoredState()
    {
        await using var cluster = await InProcCluster.StartAsync(3, Grains);
        var key = Wait.NewKey();
        var grain = cluster.Client.GetGrain<IStatefulGrain>(key);
        await grain.AddAsync(5).WaitAsync(Wait.Timeout);
        var owner = cluster.OwnerOf(GrainId.Create("stateful", key));

        await cluster.KillSiloAsync(owner).WaitAsync(Wait.Timeout);

        Assert.Equal(6, await grain.AddAsync(1).WaitAsync(Wait.Timeout));
        Assert.NotEqual(owner, cluster.OwnerOf(GrainId.Create("stateful", key)));
        Assert.Empty(_probes.Deactivations(key)); // killed: no OnDeactivateAsync
        Assert.Equal(2, _probes.Activations(key));
    }

    [Fact]
    public async Task Cluster_StopOwningSilo_GrainDeactivatesWithShuttingDownAndMovesWithState()
    {
        await using var cluster = await InProcCluster.StartAsync(2, Grains);
        var key = Wait.NewKey();
        var grain = cluster.Client.GetGrain<IStatefulGrain>(key);
        await grain.AddAsync(3).WaitAsync(Wait.Timeout);
        var owner = cluster.OwnerOf(GrainId.Create("stateful", key));

        await cluster.StopSiloAsync(owner).WaitAsync(Wait.Timeout);

        Assert.Equal([DeactivationReasonCode.ShuttingDown], _probes.Deactivations(key));
        Assert.Equal(4, await grain.AddAsync(1).WaitAsync(Wait.Timeout));
        Assert.NotEqual(owner, cluster.OwnerOf(GrainId.Create("stateful", key)));
    }

    [Fact]
    public async Task Cluster_AddSilosUnderContinuousLoad_ShardsRebalanceAndNoCallIsLost()
    {
        await using var cluster = await InProcCluster.StartAsync(2, Grains);
        var keys = Enumerable.Range(0, 40).Select(_ => Wait.NewKey()).ToArray();
        var succeeded = new int[keys.Length];
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var addsDone = 0;

        async Task LoadAsync(int worker)
        {
            // Bounded by count and time; keeps going until both silos were added and a few more calls went through.
            for (var i = 0; i < 5000 && !stop.IsCancellationRequested; i++)
            {
                var index = (worker + i * 4) % keys.Length;
                await cluster.Client.GetGrain<IStatefulGrain>(keys[index]).AddAsync(1).WaitAsync(Wait.Timeout);
                Interlocked.Increment(ref succeeded[index]);
                if (Volatile.Read(ref addsDone) == 1 && i > 200) return;
            }
        }

        var load = Enumerable.Range(0, 4).Select(w => Task.Run(() => LoadAsync(w))).ToArray();
        await Wait.UntilAsync(() => succeeded.Sum() > 100, "the load runs");
        await cluster.AddSiloAsync().WaitAsync(Wait.Timeout);
        await cluster.AddSiloAsync().WaitAsync(Wait.Timeout);
        Volatile.Write(ref addsDone, 1);
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(cluster.ShardCounts(), count => Assert.InRange(count, 4, 4));
        for (var i = 0; i < keys.Length; i++)
            Assert.Equal(succeeded[i], await cluster.Client.GetGrain<IStatefulGrain>(keys[i]).GetAsync().WaitAsync(Wait.Timeout));
        Assert.Contains(DeactivationReasonCode.Migrating, keys.SelectMany(_probes.Deactivations));
    }

    private static (string First, string Second) KeysOnDifferentSilos(InProcCluster cluster)
    {
        var first = Wait.NewKey();
        var firstOwner = cluster.OwnerOf(GrainId.Create("placement", first));
        while (true)
        {
            var second = Wait.NewKey();
            if (cluster.OwnerOf(GrainId.Create("placement", second)) != firstOwner) return (first, second);
        }
    }
}
