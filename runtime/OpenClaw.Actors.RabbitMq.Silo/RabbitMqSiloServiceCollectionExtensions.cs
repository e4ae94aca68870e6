using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Actors.RabbitMq;
using OpenClaw.Actors.RabbitMq.Silo;
using OpenClaw.Actors.RabbitMq.Silo.DeadLetters;
using OpenClaw.Actors.Runtime;
using OpenClaw.Actors.Runtime.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Cluster mode for a silo: grains receive their calls from RabbitMQ shard queues.</summary>
public static class RabbitMqSiloServiceCollectionExtensions
{
    /// <summary>
    /// Use together with <c>AddEmbeddedSilo</c> (in either order). Registers the <see cref="RabbitMqShardConsumer"/> as
    /// a silo lifecycle participant, <see cref="RabbitMqShardOwnership"/> as the silo's <see cref="ILocalGrainOwnership"/>
    /// (grains activate, and reminders fire, only for shards the broker delivers to this silo), and the RabbitMQ call
    /// client (<see cref="RabbitMqClientServiceCollectionExtensions.AddRabbitMqClusterClient"/>) for grain-to-grain calls,
    /// and <see cref="IDeadLetters"/> (list and re-drive the dead-letter queue), also as the grain
    /// <see cref="OpenClaw.Actors.DeadLetters.IDeadLetterAdminGrain"/> for front nodes.
    /// </summary>
    public static IServiceCollection AddRabbitMqSiloTransport(this IServiceCollection services, Action<RabbitMqTransportOptions>? configure = null)
    {
        services.AddRabbitMqClusterClient(configure);
        services.TryAddSingleton<RabbitMqShardOwnership>();
        services.Replace(ServiceDescriptor.Singleton<ILocalGrainOwnership>(sp => sp.GetRequiredService<RabbitMqShardOwnership>()));
        services.TryAddSingleton<RabbitMqShardConsumer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISiloLifecycleParticipant, RabbitMqShardConsumer>(
            sp => sp.GetRequiredService<RabbitMqShardConsumer>()));
        services.TryAddSingleton<RabbitMqDeadLetters>();
        services.TryAddSingleton<IDeadLetters>(sp => sp.GetRequiredService<RabbitMqDeadLetters>());
        return services.AddRabbitMqDeadLetterAdmin(); // operators reach IDeadLetters from front nodes through this grain
    }
}
