namespace OpenClaw.Actors.Placement;

/// <summary>Grain → shard, the first level of placement: a stable hash of the grain id's <c>type/key</c> form, modulo the shard count.</summary>
public static class ShardMap
{
    public static int ShardOf(GrainId grainId, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return (int)(StableHash.Fnv1a64(grainId.ToString()) % (ulong)shardCount);
    }
}
