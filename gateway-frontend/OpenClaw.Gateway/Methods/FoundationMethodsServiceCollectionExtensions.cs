using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Methods.Agents;
using OpenClaw.Gateway.Methods.Channels;
using OpenClaw.Gateway.Methods.Config;
using OpenClaw.Gateway.Methods.Diagnostics;
using OpenClaw.Gateway.Methods.Logs;
using OpenClaw.Gateway.Methods.Models;
using OpenClaw.Gateway.Methods.Sessions;
using OpenClaw.Gateway.Methods.SystemInfo;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the foundation method families: system (<c>health</c>, <c>status</c>, <c>system-presence</c>,
/// <c>last-heartbeat</c>), config (<c>config.get</c>, <c>config.schema</c>), <c>models.list</c>, <c>agents.list</c>,
/// <c>channels.status</c>, <c>logs.tail</c> and <c>sessions.list</c>, plus the health snapshot of <c>hello-ok</c> and
/// the runtime load monitor behind <c>eventLoop</c>. Needs IOpenClawConfigSource, IGrainFactory and GatewaySettings.
/// </summary>
public static class FoundationMethodsServiceCollectionExtensions
{
    public static IServiceCollection AddFoundationMethods(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ImplementationType == typeof(SystemMethods)))
        {
            // Already added: mapping a method twice would fail when the method table is built.
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        // models.list serves the catalog published from config; the CLI's `models list` requires this capability.
        services.AddGatewayCapabilities("published-model-catalog");
        services.TryAddSingleton<RuntimeLoadMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<RuntimeLoadMonitor>());
        services.TryAddSingleton<SessionStoreSummaries>();
        services.TryAddSingleton<HealthSummaryService>();
        services.TryAddSingleton<StatusSummaryService>();

        // The real health summary replaces any placeholder registered before.
        services.AddSingleton<IHealthSnapshotProvider>(sp => sp.GetRequiredService<HealthSummaryService>());

        return services
            .AddRpcMethodGroup<SystemMethods>()
            .AddRpcMethodGroup<ConfigMethods>()
            .AddRpcMethodGroup<ModelsMethods>()
            .AddRpcMethodGroup<AgentsMethods>()
            .AddRpcMethodGroup<ChannelsMethods>()
            .AddRpcMethodGroup<LogsMethods>()
            .AddRpcMethodGroup<SessionsMethods>();
    }
}
