namespace OpenClaw.Actors.RabbitMq.Silo.Rebalancing;

/// <summary>
/// The rebalancing decision of one silo, from what it can observe: the shards it owns and the number of live silos
/// (<see cref="SiloMembership"/>). Pure, so its convergence rules are unit-tested without a broker.
/// <list type="bullet">
/// <item>Fair share = ceil(shards / silos). A silo above it gives one shard away; a silo at or below it never does.
/// Since shards ≤ silos × fair share, whenever one silo is above, another is below, and moves stop once every silo is
/// at or under its share: no flapping.</item>
/// <item>Alone, a silo gives nothing away: the broker would hand the shard straight back.</item>
/// <item>The highest-numbered owned shard goes first, so repeated rounds are predictable; a shard holding a busy grain
/// (one inside a <c>DelayDeactivation</c> window, e.g. a chat session with an agent run in the background) is skipped,
/// because handing it off would deactivate the grain and cut its background work. When every candidate is busy,
/// nothing moves this round; the next round tries again.</item>
/// </list>
/// </summary>
internal static class RebalancePlan
{
    public static int FairShare(int shardCount, int silos) => (shardCount + Math.Max(1, silos) - 1) / Math.Max(1, silos);

    /// <summary>The shard to hand off now, or null when this silo holds no more than its fair share.</summary>
    public static int? ShardToRelease(IReadOnlyList<int> ownedShards, int shardCount, int silos, Func<int, bool>? isBusy = null)
    {
        if (silos < 2 || ownedShards.Count <= FairShare(shardCount, silos)) return null;
        foreach (var shard in ownedShards.OrderDescending())
        {
            if (isBusy is null || !isBusy(shard)) return shard;
        }

        return null;
    }
}
