using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors;
using OpenClaw.Actors.RabbitMq;
using OpenClaw.Actors.RabbitMq.Streams;
using OpenClaw.Actors.Streams;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Cluster-mode streams: the RabbitMQ stream provider, for silos and front nodes alike.</summary>
public static class RabbitMqStreamServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="RabbitMqStreamProvider"/> as the keyed <see cref="IStreamProvider"/> <paramref name="name"/>,
    /// replacing any provider already registered under that name (the embedded silo's in-process one), so grain code and
    /// the front tier keep calling <c>GetStreamProvider(name)</c> unchanged. Options: named <see cref="RabbitMqStreamOptions"/>,
    /// validated on start; an unset URI or prefix comes from <see cref="RabbitMqTransportOptions"/>. A hosted service
    /// connects at host start. Works whether it is called before or after <c>AddEmbeddedSilo</c>.
    /// </summary>
    public static IServiceCollection AddRabbitMqStreams(this IServiceCollection services, Action<RabbitMqStreamOptions>? configure = null,
        string name = StreamProviderNames.Default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RabbitMqTransportOptions>();
        var options = services.AddOptions<RabbitMqStreamOptions>(name).ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RabbitMqStreamOptions>, RabbitMqStreamOptionsValidator>());

        foreach (var existing in services.Where(d => d.IsKeyedService && Equals(d.ServiceKey, name) && d.ServiceType == typeof(IStreamProvider)).ToList())
            services.Remove(existing);
        services.AddKeyedSingleton(name, (provider, _) => Create(provider, name));
        services.AddKeyedSingleton<IStreamProvider>(name, (provider, key) => provider.GetRequiredKeyedService<RabbitMqStreamProvider>(key));
        services.AddSingleton<IHostedService>(provider => new RabbitMqStreamConnector(provider.GetRequiredKeyedService<RabbitMqStreamProvider>(name)));
        return services;
    }

    private static RabbitMqStreamProvider Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<RabbitMqStreamOptions>>().Get(name);
        var transport = services.GetRequiredService<IOptions<RabbitMqTransportOptions>>().Value;
        var settings = new StreamProviderSettings(options.Uri ?? transport.Uri, options.Prefix ?? transport.QueuePrefix, options);
        return new RabbitMqStreamProvider(name, settings, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>());
    }
}
