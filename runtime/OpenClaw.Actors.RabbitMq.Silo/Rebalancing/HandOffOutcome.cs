namespace OpenClaw.Actors.RabbitMq.Silo.Rebalancing;

/// <summary>How one hand-off attempt of a shard ended.</summary>
internal enum HandOffOutcome
{
    /// <summary>The shard went back to the broker for the next waiting silo.</summary>
    HandedOff,

    /// <summary>This silo did not own the shard (the channel was still closed and re-subscribed).</summary>
    NotOwned,

    /// <summary>A turn that finished during the drain left a grain busy (an agent run): the shard stays, its held calls ran here.</summary>
    Busy,

    /// <summary>
    /// The calls in flight did not finish within <see cref="RabbitMqTransportOptions.HandOffDrainTimeout"/> (typically a
    /// turn waiting for a call to a grain of the same shard, which the drain holds): the shard stays, its held calls ran
    /// here, and the rebalancer leaves it alone for a while.
    /// </summary>
    DrainTimedOut,
}
