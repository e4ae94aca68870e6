using System.Globalization;

namespace OpenClaw.Hosting.Cluster;

/// <summary>What a cluster-mode process needs beyond the OpenClaw config file, read from the environment.</summary>
public sealed record ClusterSettings(
    string RabbitMqUri,
    string? BlobConnectionString,
    string NodeName,
    int? ShardCount,
    int HealthPort)
{
    /// <summary>The cluster's name (OPENCLAW_CLUSTER_ID), used as the broker prefix; null: the transport's default.</summary>
    public string? ClusterId { get; init; }

    /// <summary>Silos need the broker and grain storage.</summary>
    public static ClusterSettings ForSilo(Func<string, string?> getEnv)
    {
        var settings = Read(getEnv);
        return settings.BlobConnectionString is null
            ? throw Missing(ClusterEnvironment.BlobConnectionString, ClusterEnvironment.BlobConnectionStringSection,
                "the Azure Storage connection string for grain state (for Azurite: UseDevelopmentStorage=true or its full form)")
            : settings;
    }

    /// <summary>Front hosts only call grains: the broker is enough.</summary>
    public static ClusterSettings ForFront(Func<string, string?> getEnv) => Read(getEnv);

    private static ClusterSettings Read(Func<string, string?> getEnv)
    {
        var rabbitMqUri = First(getEnv, ClusterEnvironment.RabbitMqUri, ClusterEnvironment.RabbitMqUriSection)
            ?? throw Missing(ClusterEnvironment.RabbitMqUri, ClusterEnvironment.RabbitMqUriSection,
                "the AMQP URI of the RabbitMQ broker, e.g. amqp://user:password@rabbitmq:5672/");
        return new ClusterSettings(
            rabbitMqUri,
            First(getEnv, ClusterEnvironment.BlobConnectionString, ClusterEnvironment.BlobConnectionStringSection),
            First(getEnv, ClusterEnvironment.NodeName) ?? Environment.MachineName,
            Integer(getEnv, ClusterEnvironment.ShardCount, ClusterEnvironment.ShardCountSection, 1, 65_536),
            Integer(getEnv, ClusterEnvironment.HealthPort, null, 1, 65_535) ?? ClusterEnvironment.DefaultHealthPort)
        {
            ClusterId = First(getEnv, ClusterEnvironment.ClusterId),
        };
    }

    private static string? First(Func<string, string?> getEnv, string name, string? alias = null) =>
        getEnv(name) is { Length: > 0 } value ? value
        : alias is not null && getEnv(alias) is { Length: > 0 } aliased ? aliased
        : null;

    private static int? Integer(Func<string, string?> getEnv, string name, string? alias, int min, int max)
    {
        var text = First(getEnv, name, alias);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ClusterConfigurationException($"{name} is set to '{text}'; it must be an integer between {min} and {max}.");
    }

    private static ClusterConfigurationException Missing(string name, string alias, string what) =>
        new($"{name} is not set (or {alias}): it must hold {what}.");
}
