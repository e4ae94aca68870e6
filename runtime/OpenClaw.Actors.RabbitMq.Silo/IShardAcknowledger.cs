namespace OpenClaw.Actors.RabbitMq.Silo;

/// <summary>Settles deliveries of one shard queue (implemented by its <see cref="ShardReceiver"/>).</summary>
internal interface IShardAcknowledger
{
    /// <summary>True once the silo started giving the shard away: unsettled deliveries are left for the next owner.</summary>
    bool IsDraining { get; }

    /// <summary>Removes the delivery from the queue: the call is done (answered, or dropped because its caller is gone).</summary>
    Task AckAsync(ulong deliveryTag);

    /// <summary>Rejects the delivery without requeue, so the broker moves it to the dead-letter queue.</summary>
    Task DeadLetterAsync(ulong deliveryTag);
}
