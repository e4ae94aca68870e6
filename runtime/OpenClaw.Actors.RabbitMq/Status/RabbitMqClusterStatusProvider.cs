using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Diagnostics;

namespace OpenClaw.Actors.RabbitMq.Status;

/// <summary>
/// The dashboard on a cluster front node: silos and fronts from the beats in <see cref="ClusterStatusView"/> (this
/// front's own row is read fresh), grain types merged over the live silos, each shard's owner from the live silos'
/// owned shards (the newest beat wins if two claim one during a hand-off), and shard queue depths from the broker.
/// </summary>
internal sealed partial class RabbitMqClusterStatusProvider(
    ClusterStatusView view,
    ShardQueueDepths depths,
    FrontBeatSource self,
    IOptions<RabbitMqTransportOptions> transport,
    ILogger<RabbitMqClusterStatusProvider> logger) : IClusterStatusProvider
{
    public const string DepthNote =
        "Shard queues on the broker: queueDepth counts calls waiting in the queue (not yet delivered to a silo); " +
        "consumers counts subscribed silos (single-active-consumer delivers to one of them, the owner).";

    private readonly ILogger<RabbitMqClusterStatusProvider> _logger = logger;

    public async Task<ClusterStatusReport> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = view.Snapshot();
        var shardCount = transport.Value.ShardCount;
        var liveSilos = snapshot.Silos.Where(s => s.Alive).OrderBy(s => s.ReceivedAt).ToList();

        var owners = new string?[shardCount];
        foreach (var silo in liveSilos)
        {
            foreach (var shard in silo.Report.OwnedShards ?? [])
            {
                if (shard >= 0 && shard < shardCount) owners[shard] = silo.Report.Name;
            }
        }

        IReadOnlyList<ShardDepth?>? shardDepths = null;
        var note = DepthNote;
        try
        {
            shardDepths = await depths.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            LogDepthsFailed(exception);
            note = $"Shard queue depths could not be read from the broker ({exception.GetType().Name}); owners come from the silos' beats.";
        }

        var shards = Enumerable.Range(0, shardCount)
            .Select(shard => shardDepths?[shard] is { } depth
                ? new ShardStatus(shard, owners[shard], depth.Messages, depth.Consumers)
                : new ShardStatus(shard, owners[shard], null, null))
            .ToList();

        var own = self.Current();
        var fronts = snapshot.Fronts
            .Where(f => f.Report.Name != own.Name)
            .Select(f => FrontStatus.From(f.Report, f.Alive, f.ReceivedAt))
            .Append(FrontStatus.From(own, alive: true, snapshot.At))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

        return new ClusterStatusReport(
            ClusterStatusReport.ClusterMode,
            snapshot.At,
            own.Name,
            [.. snapshot.Silos.Select(s => SiloStatus.From(s.Report, s.Alive, s.ReceivedAt))],
            new ShardStatusSummary(shardCount, shardDepths is not null, note, shards),
            GrainTypeAggregation.Merge(liveSilos.Select(s => s.Report)),
            fronts);
    }

    [LoggerMessage(2888, LogLevel.Warning, "Dashboard: reading shard queue depths from the broker failed")]
    private partial void LogDepthsFailed(Exception exception);
}
