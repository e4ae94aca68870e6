using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Metadata;
using OpenClaw.Actors.References;
using OpenClaw.Actors.Runtime;
using OpenClaw.Actors.Runtime.Activation;
using OpenClaw.Actors.Runtime.Catalog;
using OpenClaw.Actors.Runtime.Collection;
using OpenClaw.Actors.Runtime.Hosting;
using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Actors.Runtime.Storage;
using OpenClaw.Actors.Serialization;
using OpenClaw.Actors.Streams;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Hosts grains in this process (embedded mode) and registers grain classes.</summary>
public static class EmbeddedSiloServiceCollectionExtensions
{
    /// <summary>
    /// Registers the silo (catalog, idle collection, <see cref="SiloHostedService"/>), the client side
    /// (<see cref="IGrainFactory"/>, <see cref="IClusterClient"/>) wired straight to the local catalog, default grain
    /// storage (files under <c>StateDirectory/grains</c>, or memory when it is null), reminders (a reminder table in
    /// <c>StateDirectory</c>, or memory), the in-process stream provider <c>"default"</c> (unless one is registered
    /// already), options and
    /// <see cref="TimeProvider.System"/> unless a TimeProvider is already registered. Options sections:
    /// <see cref="GrainCallOptions.SectionName"/>, <see cref="GrainActivationOptions.SectionName"/>,
    /// <see cref="GrainCollectionOptions.SectionName"/> (bind them with <c>services.Configure&lt;T&gt;(section)</c>).
    /// </summary>
    public static IServiceCollection AddEmbeddedSilo(this IServiceCollection services, Action<EmbeddedSiloOptions>? configure = null)
    {
        var silo = new EmbeddedSiloOptions();
        configure?.Invoke(silo);
        services.Configure<EmbeddedSiloOptions>(o =>
        {
            o.StateDirectory = silo.StateDirectory;
            o.ServiceId = silo.ServiceId;
            o.SiloName = silo.SiloName;
        });

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        AddRuntimeOptions(services);

        services.TryAddSingleton<ILocalGrainOwnership, EmbeddedGrainOwnership>();
        services.TryAddSingleton<GrainClassRegistry>();
        services.TryAddSingleton<IGrainMethodResolver>(sp => sp.GetRequiredService<GrainClassRegistry>());
        services.TryAddSingleton(sp => new GrainCallCodec(sp.GetRequiredService<IGrainMethodResolver>()));
        services.TryAddSingleton(CreateCatalog);
        services.TryAddSingleton<IGrainDispatcher>(sp => sp.GetRequiredService<GrainCatalog>());
        services.TryAddSingleton<IReminderInvoker>(sp => sp.GetRequiredService<GrainCatalog>());
        services.TryAddSingleton<ActivationCollector>();

        services.TryAddSingleton<IGrainCallInvoker, LocalGrainCallInvoker>();
        services.TryAddSingleton<GrainCallRuntime>();
        services.TryAddSingleton<IGrainFactory, GrainFactory>();
        services.TryAddSingleton<IClusterClient>(sp => new ClusterClient(sp.GetRequiredService<IGrainFactory>(), sp));

        if (silo.StateDirectory is null)
        {
            services.AddMemoryGrainStorage(GrainStorageNames.Default);
            services.AddMemoryReminders();
        }
        else
        {
            services.AddFileGrainStorage(GrainStorageNames.Default, Path.Combine(silo.StateDirectory, "grains"));
            services.AddFileReminders(silo.StateDirectory);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISiloLifecycleParticipant, ReminderServiceParticipant>());
        if (!services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, StreamProviderNames.Default) && d.ServiceType == typeof(IStreamProvider)))
            services.AddInProcessStreams(StreamProviderNames.Default);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SiloHostedService>());
        return services;
    }

    /// <summary>Registers <typeparamref name="TGrain"/> as the grain class of <typeparamref name="TInterface"/>.</summary>
    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services)
        where TInterface : IGrain
        where TGrain : Grain, TInterface
    {
        services.AddSingleton(new GrainClassRegistration(typeof(TInterface), typeof(TGrain)));
        return services;
    }

    /// <summary>Registers every non-abstract <see cref="Grain"/> subclass in <paramref name="assembly"/> for each grain interface it implements.</summary>
    public static IServiceCollection AddGrainsFromAssembly(this IServiceCollection services, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var grainClasses = assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(Grain).IsAssignableFrom(t));
        foreach (var grainClass in grainClasses)
        {
            foreach (var grainInterface in grainClass.GetInterfaces().Where(GrainInterfaceMetadata.IsGrainInterface).Where(i => i != typeof(IRemindable)))
                services.AddSingleton(new GrainClassRegistration(grainInterface, grainClass));
        }

        return services;
    }

    private static void AddRuntimeOptions(IServiceCollection services)
    {
        services.AddOptions<GrainCallOptions>().ValidateOnStart();
        services.AddOptions<GrainActivationOptions>().ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainCallOptions>, GrainCallOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainActivationOptions>, GrainActivationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainCollectionOptions>, GrainCollectionOptionsValidator>());
    }

    private static GrainCatalog CreateCatalog(IServiceProvider services)
    {
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var environment = new ActivationEnvironment(
            services,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<GrainActivationOptions>>().Value,
            ReminderRegistries(services),
            loggers.CreateLogger("OpenClaw.Actors.Runtime.Activation"));
        return new GrainCatalog(
            services.GetRequiredService<GrainClassRegistry>(),
            services.GetRequiredService<ILocalGrainOwnership>(),
            environment,
            services.GetRequiredService<IOptions<GrainCallOptions>>(),
            loggers.CreateLogger<GrainCatalog>());
    }

    private static Func<GrainId, IReminderRegistry> ReminderRegistries(IServiceProvider services) =>
        grainId => services.GetRequiredService<ReminderService>().GetRegistry(grainId);
}
