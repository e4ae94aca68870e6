namespace OpenClaw.Actors.Testing;

/// <summary>Shape of an <see cref="InProcCluster"/>.</summary>
public sealed class InProcClusterOptions
{
    /// <summary>Fixed number of shards grains are hashed to; shards, not grains, move between silos.</summary>
    public int ShardCount { get; set; } = 16;

    /// <summary>The clock every silo and the client share (a <see cref="ManualTimeProvider"/> for timer tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long the cluster's <see cref="InProcCluster.Client"/> waits for an answer.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound of graceful stops and hand-offs (real time).</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
