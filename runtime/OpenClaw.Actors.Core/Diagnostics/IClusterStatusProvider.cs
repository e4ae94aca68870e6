namespace OpenClaw.Actors.Diagnostics;

/// <summary>
/// The dashboard's data: silos, shards, grain types and front nodes as this process sees them. Embedded mode reads
/// the local catalog; cluster mode reads the beats silos and fronts publish, plus shard queue depths from the broker.
/// </summary>
public interface IClusterStatusProvider
{
    Task<ClusterStatusReport> GetAsync(CancellationToken cancellationToken);
}
