using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenClaw.Actors;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.RabbitMq;
using OpenClaw.Actors.RabbitMq.Client;
using OpenClaw.Actors.References;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The front tier in cluster mode: grain references whose calls travel through RabbitMQ.</summary>
public static class RabbitMqClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IGrainFactory"/> and <see cref="IClusterClient"/> on a <see cref="RabbitMqGrainCallInvoker"/>
    /// (replacing any other <see cref="IGrainCallInvoker"/>), the options <see cref="RabbitMqTransportOptions"/>
    /// (section <see cref="RabbitMqTransportOptions.SectionName"/>; bind it with <c>services.Configure&lt;T&gt;(section)</c>)
    /// and <see cref="GrainCallOptions"/>, both validated, <see cref="TimeProvider.System"/> unless a TimeProvider is
    /// registered, and a hosted service that connects at host start. Stream providers are not part of this transport.
    /// </summary>
    public static IServiceCollection AddRabbitMqClusterClient(this IServiceCollection services, Action<RabbitMqTransportOptions>? configure = null)
    {
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        AddRabbitMqOptions(services, configure);
        services.AddOptions<GrainCallOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainCallOptions>, GrainCallOptionsValidator>());

        services.TryAddSingleton<RabbitMqGrainCallInvoker>();
        services.Replace(ServiceDescriptor.Singleton<IGrainCallInvoker>(sp => sp.GetRequiredService<RabbitMqGrainCallInvoker>()));
        services.TryAddSingleton<GrainCallRuntime>();
        services.TryAddSingleton<IGrainFactory, GrainFactory>();
        services.TryAddSingleton<IClusterClient>(sp => new ClusterClient(sp.GetRequiredService<IGrainFactory>(), sp));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RabbitMqClientConnector>());
        return services;
    }

    internal static void AddRabbitMqOptions(IServiceCollection services, Action<RabbitMqTransportOptions>? configure)
    {
        var builder = services.AddOptions<RabbitMqTransportOptions>().ValidateOnStart();
        if (configure is not null) builder.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RabbitMqTransportOptions>, RabbitMqTransportOptionsValidator>());
    }
}
