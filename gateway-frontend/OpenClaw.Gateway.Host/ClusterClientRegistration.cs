using OpenClaw.Hosting.Cluster;

namespace OpenClaw.Gateway.Host;

/// <summary>The front node's grain client: calls travel through the RabbitMQ shard queues the silos consume.</summary>
internal static class ClusterClientRegistration
{
    public static void Add(IServiceCollection services, ClusterSettings cluster) =>
        services.AddRabbitMqClusterClient(rabbit =>
        {
            rabbit.Uri = cluster.RabbitMqUri;
            if (cluster.ShardCount is { } shards) rabbit.ShardCount = shards;
            if (cluster.ClusterId is { } clusterId) rabbit.QueuePrefix = clusterId;
        }).AddRabbitMqStreams(streams => streams.NodeName = cluster.NodeName); // session events from the silos, via this node's queue
}
