using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.RabbitMq.Silo;
using OpenClaw.Actors.RabbitMq.Silo.Status;
using OpenClaw.Actors.RabbitMq.Status;
using OpenClaw.Actors.Runtime.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>A cluster silo's part of the dashboard.</summary>
public static class RabbitMqSiloStatusServiceCollectionExtensions
{
    /// <summary>
    /// Publishes this silo's beat (name from <see cref="EmbeddedSiloOptions.SiloName"/>, owned shards, activations and
    /// call metrics per grain type) to the cluster's status exchange every beat interval, for the front nodes'
    /// dashboards. Use with <c>AddEmbeddedSilo</c> and <c>AddRabbitMqSiloTransport</c>.
    /// </summary>
    public static IServiceCollection AddRabbitMqSiloStatus(this IServiceCollection services, Action<ClusterStatusOptions>? configure = null)
    {
        services.AddSiloStatusCollector();
        services.TryAddSingleton<RabbitMqShardOwnership>();
        ClusterStatusServiceCollectionExtensions.AddStatusConnection(
            services, sp => sp.GetRequiredService<IOptions<EmbeddedSiloOptions>>().Value.SiloName, configure);
        services.TryAddSingleton<SiloBeatSource>();
        ClusterStatusServiceCollectionExtensions.AddPublisher(services, sp => sp.GetRequiredService<SiloBeatSource>());
        return services;
    }
}
