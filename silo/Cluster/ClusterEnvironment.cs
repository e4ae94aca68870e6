namespace OpenClaw.Hosting.Cluster;

/// <summary>
/// The environment variables the cluster-mode hosts read (the silo in <c>--mode cluster</c> and
/// OpenClaw.Gateway.Host). One source of truth: docker-compose.yml is checked against these names by a test, and the
/// front host compiles this same file (it cannot reference the silo).
/// </summary>
public static class ClusterEnvironment
{
    /// <summary>The OpenClaw config file (models, agents, gateway auth); the same variable as in embedded mode.</summary>
    public const string ConfigPath = "OPENCLAW_CONFIG_PATH";

    /// <summary>Local scratch state (agent workspaces, logs, the generated token); grain state, transcripts and reminders are in Azure Blob.</summary>
    public const string StateDirectory = "OPENCLAW_STATE_DIR";

    /// <summary>AMQP URI of the broker. Required. Secret (it carries the password).</summary>
    public const string RabbitMqUri = "OPENCLAW_RABBITMQ_URI";

    /// <summary>Azure Storage connection string for grain state, transcripts and reminders. Required by silos. Secret (account key).</summary>
    public const string BlobConnectionString = "OPENCLAW_BLOB_CONNECTION_STRING";

    /// <summary>Names this process in logs; defaults to the machine (container) name.</summary>
    public const string NodeName = "OPENCLAW_NODE_NAME";

    /// <summary>
    /// Names the cluster: the prefix of its RabbitMQ queues and exchanges (default <c>openclaw</c>) and, for any other id,
    /// the first path segment of its blobs (grain state, transcripts, reminders). Every process of one cluster must agree;
    /// clusters sharing one broker or one storage account need different ids.
    /// </summary>
    public const string ClusterId = "OPENCLAW_CLUSTER_ID";

    /// <summary>Shard queues grains hash to; every process of one cluster must agree (default: the transport's).</summary>
    public const string ShardCount = "OPENCLAW_SHARD_COUNT";

    /// <summary>Port of the silo's /healthz and /readyz server (loopback only: probes run inside the container).</summary>
    public const string HealthPort = "OPENCLAW_HEALTH_PORT";

    /// <summary>Front hosts: the gateway port, token and bind mode, as in embedded mode.</summary>
    public const string GatewayPort = "OPENCLAW_GATEWAY_PORT";
    public const string GatewayToken = "OPENCLAW_GATEWAY_TOKEN";
    public const string GatewayBind = "OPENCLAW_GATEWAY_BIND";

    /// <summary>
    /// The configuration-section spellings (<c>Actors:RabbitMq:Uri</c> as an environment variable), accepted when the
    /// short name is unset, so an operator used to .NET configuration keys is not surprised.
    /// </summary>
    public const string RabbitMqUriSection = "Actors__RabbitMq__Uri";
    public const string ShardCountSection = "Actors__RabbitMq__ShardCount";
    public const string BlobConnectionStringSection = "Actors__AzureBlob__ConnectionString";

    public const int DefaultHealthPort = 18800;
}
