using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Handshake;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Http;
using OpenClaw.Gateway.Rpc;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the front tier: WebSocket RPC, events and HTTP probes.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddOpenClawGateway(this IServiceCollection services, GatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);

        services.AddSingleton(settings);
        services.AddOptions<GatewayOptions>()
            .Configure(options => options.HandshakeTimeout = settings.HandshakeTimeout)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayLifecycle>();

        // Auth: replaceable limiter (tests give it a manual clock).
        services.TryAddSingleton<IAuthRateLimiter>(sp => new AuthRateLimiter(settings.RateLimit, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<GatewayHttpAuth>();

        // RPC
        services.TryAddSingleton(sp => new RpcMethodTable(sp.GetServices<IRpcMethodGroup>()));
        services.TryAddSingleton<RpcDispatcher>();

        // Events
        services.TryAddSingleton<GatewayStateVersions>();
        services.TryAddSingleton<GatewayEventCatalog>();
        services.TryAddSingleton<GatewayCapabilityCatalog>();
        services.TryAddSingleton<IGatewayEventBroadcaster, GatewayEventBroadcaster>();
        services.TryAddSingleton<PresenceTracker>();
        services.TryAddSingleton<IHealthSnapshotProvider, MinimalHealthSnapshotProvider>();
        services.AddHostedService<TickService>();
        services.AddHostedService<GatewayShutdownNotifier>();

        // Connections
        services.TryAddSingleton<ConnectionRegistry>();
        services.TryAddSingleton<ConnectAdmission>();
        services.TryAddSingleton<HelloBuilder>();
        services.TryAddSingleton<ConnectionServices>();
        services.TryAddSingleton<GatewayWebSocketHandler>();
        return services;
    }

    /// <summary>Adds one method family; its <see cref="IRpcMethodGroup.Map"/> runs once when the table is built.</summary>
    public static IServiceCollection AddRpcMethodGroup<TGroup>(this IServiceCollection services)
        where TGroup : class, IRpcMethodGroup
    {
        services.AddSingleton<IRpcMethodGroup, TGroup>();
        return services;
    }

    /// <summary>Declares server capabilities a component implements, advertised in <c>hello-ok.features.capabilities</c>.</summary>
    public static IServiceCollection AddGatewayCapabilities(this IServiceCollection services, params string[] capabilities)
    {
        services.AddSingleton(new GatewayCapabilityRegistration(capabilities));
        return services;
    }

    /// <summary>Declares events a component broadcasts, so hello-ok advertises them in <c>features.events</c>.</summary>
    public static IServiceCollection AddGatewayEvents(this IServiceCollection services, params string[] eventNames)
    {
        services.AddSingleton(new GatewayEventRegistration(eventNames));
        return services;
    }
}
