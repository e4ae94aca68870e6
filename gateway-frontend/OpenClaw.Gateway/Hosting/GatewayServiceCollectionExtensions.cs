using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Gateway.Hosting;
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
        services.TryAddSingleton(sp => new RpcMethodTable(sp.GetServices<IRpcMethodGroup>()));
        return services;
    }

    /// <summary>Adds one method family; its <see cref="IRpcMethodGroup.Map"/> runs once when the table is built.</summary>
    public static IServiceCollection AddRpcMethodGroup<TGroup>(this IServiceCollection services)
        where TGroup : class, IRpcMethodGroup
    {
        services.AddSingleton<IRpcMethodGroup, TGroup>();
        return services;
    }
}
