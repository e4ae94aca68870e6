using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors;
using OpenClaw.Actors.Diagnostics;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.RabbitMq;
using OpenClaw.Actors.RabbitMq.Status;
using RabbitMQ.Client;

namespace OpenClaw.Gateway.Tests.Dashboard;

/// <summary>
/// The cluster dashboard over a real broker: beats of two fronts and a silo reach a front's view through the status
/// exchange, shard queue depths are read from the broker, and a node that stops beating turns not alive.
/// </summary>
public sealed class ClusterStatusBrokerTests(DashboardBroker broker) : IClassFixture<DashboardBroker>, IAsyncLifetime
{
    private const int ShardCount = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly string _prefix = $"test-dash-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        await using var channel = await broker.Connection.CreateChannelAsync();
        await new ShardTopology(new RabbitMqTransportOptions { QueuePrefix = _prefix, ShardCount = ShardCount }).DeclareAsync(channel, CancellationToken.None);
        var waiting = new BasicProperties { Type = MessageKinds.Probe };
        for (var i = 0; i < 2; i++)
            await channel.BasicPublishAsync("", $"{_prefix}.shard.2", mandatory: true, waiting, ReadOnlyMemory<byte>.Empty);
    }

    public async Task DisposeAsync()
    {
        await using var channel = await broker.Connection.CreateChannelAsync();
        for (var shard = 0; shard < ShardCount; shard++) await channel.QueueDeleteAsync($"{_prefix}.shard.{shard}");
        await channel.QueueDeleteAsync($"{_prefix}.dead");
        await channel.QueueDeleteAsync($"{_prefix}.members");
        await channel.ExchangeDeleteAsync($"{_prefix}.dlx");
        await channel.ExchangeDeleteAsync($"{_prefix}.status");
    }

    [Fact]
    public async Task Beats_TwoFrontsAndASilo_ReachTheView_SilentFrontTurnsNotAlive()
    {
        await using var frontA = await StatusNode.StartFrontAsync(_prefix, ShardCount, "front-a", new FrontCounters(3, 1));
        await using var frontB = await StatusNode.StartFrontAsync(_prefix, ShardCount, "front-b", new FrontCounters(5, null));
        await using var silo = await StatusNode.StartSiloAsync(_prefix, ShardCount, "silo-s");
        var view = frontA.Services.GetRequiredService<ClusterStatusView>();
        var provider = frontA.Services.GetRequiredService<IClusterStatusProvider>();

        await PollAsync(() =>
        {
            var snapshot = view.Snapshot();
            return snapshot.Fronts.Count(f => f.Alive) == 2 && snapshot.Silos.Any(s => s.Alive && s.Report.Name == "silo-s");
        }, "front-a sees both fronts' and the silo's beats");
        var report = await provider.GetAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal("cluster", report.Mode);
        Assert.Equal("front-a", report.ReportedBy);
        Assert.Equal(["front-a", "front-b"], report.Fronts.Select(f => f.Name));
        Assert.All(report.Fronts, f => Assert.True(f.Alive));
        Assert.Equal((3, 1), (report.Fronts[0].Connections, report.Fronts[0].Subscriptions));
        Assert.Equal((5, (int?)null), (report.Fronts[1].Connections, report.Fronts[1].Subscriptions));
        var siloRow = Assert.Single(report.Silos);
        Assert.Equal(("silo-s", true, 0), (siloRow.Name, siloRow.Alive, siloRow.ShardsOwned ?? -1));
        Assert.True(report.Shards.QueueDepthReported);
        Assert.Equal(ShardCount, report.Shards.Items.Count);
        Assert.Equal([0L, 0L, 2L, 0L], report.Shards.Items.Select(s => s.QueueDepth ?? -1));
        Assert.All(report.Shards.Items, s => Assert.Null(s.Owner));

        await frontB.StopAsync();

        await PollAsync(() => view.Snapshot().Fronts.Any(f => f.Report.Name == "front-b" && !f.Alive), "front-b turns not alive");
        var after = await provider.GetAsync(CancellationToken.None).WaitAsync(Timeout);
        Assert.False(after.Fronts.Single(f => f.Name == "front-b").Alive);
        Assert.True(after.Fronts.Single(f => f.Name == "front-a").Alive);
        Assert.True(after.Silos.Single().Alive);
    }

    [Fact]
    public async Task Report_AfterGrainCallsThroughTheBroker_ShowsTheSilosGrainTypeActivationsAndShardOwner()
    {
        await using var silo = await StatusNode.StartShardSiloAsync(_prefix, ShardCount, "silo-x");
        await using var front = await StatusNode.StartFrontAsync(_prefix, ShardCount, "front-x", new FrontCounters(1, null), withGrainClient: true);
        var grains = front.Services.GetRequiredService<IGrainFactory>();
        var provider = front.Services.GetRequiredService<IClusterStatusProvider>();
        for (var i = 0; i < 12; i++) await grains.GetGrain<IDashboardProbeGrain>($"key-{i % 3}").PingAsync().WaitAsync(Timeout);

        ClusterStatusReport? report = null;
        await PollAsync(async () =>
        {
            report = await provider.GetAsync(CancellationToken.None).WaitAsync(Timeout);
            return report.GrainTypes.Any(g => g.GrainType == "dashboardprobe" && g.Calls >= 12);
        }, "the silo's beat carries the probe grain's calls");

        var probe = report!.GrainTypes.Single(g => g.GrainType == "dashboardprobe");
        Assert.Equal(3, probe.Activations);
        Assert.NotNull(probe.P50Ms);
        Assert.NotNull(probe.P99Ms);
        Assert.True(probe.CallsPerSecond > 0);
        var siloRow = report.Silos.Single(s => s.Name == "silo-x");
        Assert.True(siloRow.Alive);
        Assert.Equal(3, siloRow.ActivationsByGrainType["dashboardprobe"]);
        Assert.True(siloRow.ShardsOwned >= 1);
        var shard = ShardMap.ShardOf(GrainId.Create("dashboardprobe", "key-0"), ShardCount);
        Assert.Equal("silo-x", report.Shards.Items[shard].Owner);
        Assert.Equal(1, report.Shards.Items[shard].Consumers);
    }

    private static async Task PollAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task PollAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            if (deadline.IsCancellationRequested) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
