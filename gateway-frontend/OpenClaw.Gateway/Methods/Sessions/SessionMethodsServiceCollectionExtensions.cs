using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Gateway.Events.SessionEvents;
using OpenClaw.Gateway.Methods.Agent;
using OpenClaw.Gateway.Methods.Chat;
using OpenClaw.Gateway.Methods.Sessions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers sessions and agent runs in the front tier: <c>chat.*</c>, <c>agent</c>, <c>agent.wait</c>, session
/// management and subscriptions, and the relay that fans the session streams out as <c>chat</c>, <c>agent</c> and
/// <c>sessions.changed</c> events. Needs IOpenClawConfigSource, IClusterClient (for the session streams) and the
/// gateway's connection services.
/// </summary>
public static class SessionMethodsServiceCollectionExtensions
{
    public static IServiceCollection AddSessionMethods(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ImplementationType == typeof(ChatMethods)))
        {
            // Already added: mapping a method twice would fail when the method table is built.
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SessionSubscriptions>();
        services.TryAddSingleton<RunSessionDirectory>();
        services.TryAddSingleton<RunCompletionRegistry>();
        services.TryAddSingleton<RunFollowers>();
        services.AddHostedService<SessionEventRelay>();
        services.AddGatewayEvents(SessionEventNames.Chat, SessionEventNames.Agent, SessionEventNames.SessionsChanged);

        return services
            .AddRpcMethodGroup<ChatMethods>()
            .AddRpcMethodGroup<AgentMethods>()
            .AddRpcMethodGroup<SessionsManagementMethods>()
            .AddRpcMethodGroup<SessionsSubscriptionMethods>();
    }
}
