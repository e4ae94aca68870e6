using OpenClaw.Actors.Placement;
using OpenClaw.Actors.Runtime;

namespace OpenClaw.Actors.Testing;

/// <summary>A silo of the in-process cluster owns a grain while it owns the grain's shard (and the shard is not moving).</summary>
internal sealed class SiloShardOwnership(ShardTable shards, InProcSilo silo) : ILocalGrainOwnership
{
    public bool Owns(GrainId grainId) => shards.IsOwnedBy(ShardMap.ShardOf(grainId, shards.ShardCount), silo);
}
