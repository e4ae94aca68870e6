using OpenClaw.Actors.Diagnostics;

namespace OpenClaw.Actors.Runtime.Diagnostics;

/// <summary>
/// The dashboard in embedded mode: one silo (this process), one front node (this process, when the gateway supplies
/// an <see cref="IFrontStatusSource"/>), and the whole placement reported as a single local shard without queue depth.
/// </summary>
public sealed class EmbeddedClusterStatusProvider(SiloStatusCollector collector, IEnumerable<IFrontStatusSource> fronts) : IClusterStatusProvider
{
    public const string ShardNote =
        "Embedded mode: this process hosts every grain, so placement is one local shard owned by this silo. " +
        "There are no shard queues, so no queue depth is reported.";

    public Task<ClusterStatusReport> GetAsync(CancellationToken cancellationToken)
    {
        var beat = collector.Collect(ownedShards: null);
        var frontRows = fronts.Select(front => front.Read())
            .Select(counters => new FrontStatus(beat.Name, true, beat.SentAt, counters.Connections, counters.Subscriptions))
            .Take(1)
            .ToList();
        var report = new ClusterStatusReport(
            ClusterStatusReport.EmbeddedMode,
            beat.SentAt,
            beat.Name,
            [SiloStatus.From(beat, alive: true, beat.SentAt)],
            new ShardStatusSummary(1, QueueDepthReported: false, ShardNote, [new ShardStatus(0, beat.Name, null, null)]),
            GrainTypeAggregation.Merge([beat]),
            frontRows);
        return Task.FromResult(report);
    }
}
