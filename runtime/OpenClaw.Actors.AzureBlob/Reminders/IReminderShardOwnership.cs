namespace OpenClaw.Actors.AzureBlob.Reminders;

/// <summary>
/// Which shards this silo owns right now, as the transport knows it (in a cluster: the RabbitMQ shard queues the
/// broker delivers to this silo). <see cref="AzureBlobReminderTable"/> asks it on every reminder pass, so a shard
/// gained a moment ago is read at the next pass; no change event is needed.
/// </summary>
public interface IReminderShardOwnership
{
    /// <summary>The number of shards grains hash to (<see cref="Placement.ShardMap"/>); the same on every silo.</summary>
    int ShardCount { get; }

    bool OwnsShard(int shard);
}
