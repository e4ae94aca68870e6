using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Actors.Diagnostics;
using OpenClaw.Gateway.Dashboard;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The dashboard in the front tier.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>cluster.status</c> method (scope operator.admin), this front node's
    /// <see cref="IFrontStatusSource"/> and the dashboard's auth. Needs an <see cref="IClusterStatusProvider"/>
    /// (<c>AddEmbeddedClusterStatus()</c> in embedded mode, <c>AddRabbitMqClusterStatus(nodeName)</c> on cluster
    /// front nodes) and <c>AddOpenClawGateway</c>; map the HTTP side with <c>app.MapDashboard()</c>.
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ImplementationType == typeof(DashboardMethods)))
        {
            // Already added: mapping cluster.status twice would fail when the method table is built.
            return services;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFrontStatusSource, GatewayFrontStatusSource>());
        services.TryAddSingleton<DashboardCookie>();
        services.TryAddSingleton<DashboardAuth>();
        return services.AddRpcMethodGroup<DashboardMethods>();
    }
}
