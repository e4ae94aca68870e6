namespace OpenClaw.Actors.Diagnostics;

/// <summary>
/// The dashboard document (<c>GET /dashboard/api/status</c> and the <c>cluster.status</c> method return the same).
/// <see cref="Mode"/> is <c>embedded</c> or <c>cluster</c>; <see cref="ReportedBy"/> names the node that answered.
/// </summary>
public sealed record ClusterStatusReport(
    string Mode,
    DateTimeOffset GeneratedAt,
    string ReportedBy,
    IReadOnlyList<SiloStatus> Silos,
    ShardStatusSummary Shards,
    IReadOnlyList<GrainTypeStatus> GrainTypes,
    IReadOnlyList<FrontStatus> Fronts)
{
    public const string EmbeddedMode = "embedded";
    public const string ClusterMode = "cluster";
}

/// <summary>
/// One silo. <see cref="Alive"/> turns false when its beats stop (it is dropped a while later).
/// <see cref="ShardsOwned"/> is null when the silo hosts every grain (embedded mode).
/// </summary>
public sealed record SiloStatus(
    string Name,
    bool Alive,
    DateTimeOffset LastSeen,
    int? ShardsOwned,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByGrainType)
{
    /// <summary>The silo row of one beat.</summary>
    public static SiloStatus From(SiloStatusReport report, bool alive, DateTimeOffset lastSeen)
    {
        var byType = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var sample in report.GrainTypes)
        {
            if (sample.Activations > 0) byType[sample.GrainType] = sample.Activations;
        }

        return new SiloStatus(report.Name, alive, lastSeen, report.OwnedShards?.Count, byType.Values.Sum(), byType);
    }
}

/// <summary>
/// The shards. <see cref="QueueDepthReported"/> says whether <see cref="ShardStatus.QueueDepth"/> is measured (shard
/// queues on the broker) or absent (embedded mode has no queues); <see cref="Note"/> explains what the list means.
/// </summary>
public sealed record ShardStatusSummary(int Count, bool QueueDepthReported, string Note, IReadOnlyList<ShardStatus> Items);

/// <summary>One shard: the silo that owns it (null when no live silo claims it), its queue depth and consumer count.</summary>
public sealed record ShardStatus(int Shard, string? Owner, long? QueueDepth, int? Consumers);

/// <summary>
/// One grain type over all live silos: current activations, calls and errors since the silos started, and over the
/// recent window (<see cref="WindowSeconds"/>) the call rate and latency percentiles (null without calls in it).
/// </summary>
public sealed record GrainTypeStatus(
    string GrainType,
    int Activations,
    long Calls,
    long Errors,
    double CallsPerSecond,
    double ErrorsPerSecond,
    double? P50Ms,
    double? P99Ms,
    double WindowSeconds);

/// <summary>One front node and its client connections and session subscriptions (null when not counted).</summary>
public sealed record FrontStatus(string Name, bool Alive, DateTimeOffset LastSeen, int Connections, int? Subscriptions)
{
    /// <summary>The front row of one beat.</summary>
    public static FrontStatus From(FrontStatusReport report, bool alive, DateTimeOffset lastSeen) =>
        new(report.Name, alive, lastSeen, report.Connections, report.Subscriptions);
}
