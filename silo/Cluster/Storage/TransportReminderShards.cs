using OpenClaw.Actors.AzureBlob.Reminders;
using OpenClaw.Actors.RabbitMq.Silo;

namespace OpenClaw.Silo.Cluster.Storage;

/// <summary>The reminder table's view of shard ownership: the shard queues RabbitMQ delivers to this silo.</summary>
internal sealed class TransportReminderShards(RabbitMqShardOwnership ownership) : IReminderShardOwnership
{
    public int ShardCount => ownership.ShardCount;

    public bool OwnsShard(int shard) => ownership.IsOwned(shard);
}
