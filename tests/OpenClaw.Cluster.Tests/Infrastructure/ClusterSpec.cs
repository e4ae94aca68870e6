namespace OpenClaw.Cluster.Tests.Infrastructure;

/// <summary>The cluster a test asks <c>local-cluster.sh up</c> for.</summary>
public sealed record ClusterSpec
{
    public int Silos { get; init; } = 2;
    public int Fronts { get; init; } = 2;

    /// <summary>Few shards keep start-up short (every silo declares and consumes each shard queue).</summary>
    public int ShardCount { get; init; } = 16;

    /// <summary>The OpenClaw config file every node reads (OPENCLAW_CONFIG_PATH).</summary>
    public required string ConfigJson { get; init; }

    /// <summary>Extra environment for the script and the nodes, e.g. another broker's OPENCLAW_RABBITMQ_URI.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
