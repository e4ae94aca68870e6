using OpenClaw.Hosting.Cluster;

namespace OpenClaw.Gateway.Host;

/// <summary>
/// Where the front node gets its grain client. It should be <c>services.AddRabbitMqClusterClient(o => …)</c>, but
/// OpenClaw.Actors.RabbitMq also holds the silo side and references OpenClaw.Actors.Runtime, which the front tier
/// must never reference (ARCHITECTURE.md §3). Until that project is split into a client assembly (its Client/ folder
/// and root files need only OpenClaw.Actors.Core) and a silo assembly, the node stops at startup with this message
/// rather than starting without a way to reach grains.
/// </summary>
internal static class ClusterClientRegistration
{
    public const string NotAvailableMessage =
        "the RabbitMQ cluster client is not available to the front host yet: OpenClaw.Actors.RabbitMq references the silo " +
        "runtime (OpenClaw.Actors.Runtime) and must be split into client and silo assemblies before the front tier can use it.";

    public static void Add(IServiceCollection services, ClusterSettings cluster) =>
        throw new ClusterConfigurationException(NotAvailableMessage);
}
