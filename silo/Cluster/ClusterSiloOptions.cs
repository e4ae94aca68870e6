namespace OpenClaw.Silo.Cluster;

/// <summary>How to start a cluster-mode silo (grains only; calls arrive through RabbitMQ, state lives in Azure Blob).</summary>
public sealed record ClusterSiloOptions
{
    /// <summary>The OpenClaw config file; null: OPENCLAW_CONFIG_PATH or ~/.openclaw/openclaw.json.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>The environment the host reads; tests pass their own instead of the process's.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Port 0 binds the health server to an ephemeral loopback port (tests); null: OPENCLAW_HEALTH_PORT.</summary>
    public int? HealthPortOverride { get; init; }

    public bool ConsoleLogging { get; init; } = true;
}
