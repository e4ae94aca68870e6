using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Diagnostics;
using OpenClaw.Actors.RabbitMq;
using OpenClaw.Actors.RabbitMq.Status;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The dashboard's data in cluster mode, over the broker.</summary>
public static class ClusterStatusServiceCollectionExtensions
{
    /// <summary>
    /// A cluster front node named <paramref name="nodeName"/>: publishes its beat (connections and subscriptions from
    /// the gateway's <see cref="IFrontStatusSource"/>), collects every node's beats into a <see cref="ClusterStatusView"/>,
    /// and registers the <see cref="IClusterStatusProvider"/> the dashboard reads (replacing any other). Uses the
    /// transport's <see cref="RabbitMqTransportOptions"/> (broker, queue prefix, shard count).
    /// </summary>
    public static IServiceCollection AddRabbitMqClusterStatus(this IServiceCollection services, string nodeName, Action<ClusterStatusOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeName);
        AddStatusConnection(services, _ => nodeName, configure);
        services.TryAddSingleton<ClusterStatusView>();
        services.TryAddSingleton<ShardQueueDepths>();
        services.TryAddSingleton(sp => new FrontBeatSource(nodeName, sp.GetServices<IFrontStatusSource>(), sp.GetRequiredService<TimeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<IClusterStatusProvider, RabbitMqClusterStatusProvider>());
        services.AddHostedService<ClusterStatusSubscriber>();
        AddPublisher(services, sp => sp.GetRequiredService<FrontBeatSource>());
        return services;
    }

    /// <summary>The connection, options and validators every node's status traffic needs.</summary>
    internal static void AddStatusConnection(IServiceCollection services, Func<IServiceProvider, string> nodeName, Action<ClusterStatusOptions>? configure)
    {
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        RabbitMqClientServiceCollectionExtensions.AddRabbitMqOptions(services, configure: null);
        var builder = services.AddOptions<ClusterStatusOptions>().ValidateOnStart();
        if (configure is not null) builder.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterStatusOptions>, ClusterStatusOptionsValidator>());
        services.TryAddSingleton(sp => new StatusConnection(
            sp.GetRequiredService<IOptions<RabbitMqTransportOptions>>(), $"openclaw-status-{nodeName(sp)}-{Guid.NewGuid():N}"));
    }

    /// <summary>Publishes the beat <paramref name="source"/> builds, every beat interval.</summary>
    internal static void AddPublisher(IServiceCollection services, Func<IServiceProvider, IStatusBeatSource> source) =>
        services.AddHostedService(sp => new ClusterStatusPublisher(
            sp.GetRequiredService<StatusConnection>(),
            source(sp),
            sp.GetRequiredService<IOptions<ClusterStatusOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ClusterStatusPublisher>>()));
}
