using OpenClaw.Hosting.Cluster;

namespace OpenClaw.Gateway.Host;

/// <summary>How to start a cluster-mode front node.</summary>
public sealed record FrontHostOptions
{
    /// <summary>
    /// Registers IGrainFactory/IClusterClient for grain calls over the cluster transport (RabbitMQ in production).
    /// A parameter rather than a reference so this assembly stays free of the silo runtime.
    /// </summary>
    public required Action<IServiceCollection, ClusterSettings> AddClusterClient { get; init; }

    /// <summary>The OpenClaw config file; null: OPENCLAW_CONFIG_PATH or ~/.openclaw/openclaw.json.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>The environment the host reads; tests pass their own instead of the process's.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Port 0 listens on an ephemeral loopback port (tests); null: OPENCLAW_GATEWAY_PORT or the config file.</summary>
    public int? PortOverride { get; init; }

    public bool ConsoleLogging { get; init; } = true;
}
