using OpenClaw.Hosting.Cluster;

namespace OpenClaw.Silo.Cluster.Storage;

/// <summary>
/// Which cluster id goes into blob names (<see cref="OpenClaw.Actors.AzureBlob.Storage.ClusterBlobNames"/>): none for
/// the default cluster, whether OPENCLAW_CLUSTER_ID is unset or set to the default <c>openclaw</c> (both name the same
/// broker queues, so they must name the same blobs too), the id for any other cluster. Grain state, transcripts and
/// reminders all follow this one rule.
/// </summary>
public static class ClusterBlobLayout
{
    /// <summary>The cluster id when OPENCLAW_CLUSTER_ID is unset: the RabbitMQ transport's default queue prefix.</summary>
    public const string DefaultClusterId = "openclaw";

    public static string? ClusterIdInBlobNames(ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ClusterId is null or DefaultClusterId ? null : settings.ClusterId;
    }
}
