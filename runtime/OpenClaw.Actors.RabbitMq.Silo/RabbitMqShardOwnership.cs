using Microsoft.Extensions.Options;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.Runtime;

namespace OpenClaw.Actors.RabbitMq.Silo;

/// <summary>
/// The shards this silo owns, as far as it can tell. RabbitMQ 3.10 never tells a consumer that single-active-consumer
/// made it the active one (activation only updates broker metrics), so ownership is inferred: a shard is gained when a
/// delivery (a call or an ownership probe) arrives from its queue, and lost when this silo's consumer of that queue
/// goes away (channel or connection closed, consumer cancelled) or the silo drains. Grains are activated, and their
/// reminders fired, only for owned shards, so after a failover both happen on the silo the broker now delivers to.
/// </summary>
public sealed class RabbitMqShardOwnership : ILocalGrainOwnership
{
    private readonly int[] _owned;

    public RabbitMqShardOwnership(IOptions<RabbitMqTransportOptions> options) => _owned = new int[options.Value.ShardCount];

    public int ShardCount => _owned.Length;

    public bool Owns(GrainId grainId) => IsOwned(ShardMap.ShardOf(grainId, _owned.Length));

    public bool IsOwned(int shard) => Volatile.Read(ref _owned[shard]) == 1;

    /// <summary>The shards owned now, ascending.</summary>
    public IReadOnlyList<int> OwnedShards => Enumerable.Range(0, _owned.Length).Where(IsOwned).ToList();

    /// <summary>Marks <paramref name="shard"/> owned; true when it was not owned before.</summary>
    internal bool Gain(int shard) => Interlocked.Exchange(ref _owned[shard], 1) == 0;

    /// <summary>Marks <paramref name="shard"/> not owned; true when it was owned before.</summary>
    internal bool Lose(int shard) => Interlocked.Exchange(ref _owned[shard], 0) == 1;
}
