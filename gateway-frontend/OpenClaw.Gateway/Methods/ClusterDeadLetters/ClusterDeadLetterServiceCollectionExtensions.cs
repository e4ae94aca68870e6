using OpenClaw.Gateway.Methods.ClusterDeadLetters;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The operator methods over the cluster's dead letters, for cluster front nodes.</summary>
public static class ClusterDeadLetterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>cluster.deadletters.list</c> and <c>cluster.deadletters.redrive</c> (scope operator.admin). Call it on
    /// cluster front nodes only (their silos host <c>IDeadLetterAdminGrain</c>); embedded mode has no dead-letter queue,
    /// so the methods are not advertised there. Needs <c>AddOpenClawGateway</c> and a cluster client.
    /// </summary>
    public static IServiceCollection AddClusterDeadLetterMethods(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ImplementationType == typeof(ClusterDeadLetterMethods)))
            return services; // mapping the methods twice would fail when the method table is built
        return services.AddRpcMethodGroup<ClusterDeadLetterMethods>();
    }
}
