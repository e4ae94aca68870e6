using Microsoft.Extensions.Options;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Handshake;

/// <summary>Assembles hello-ok: server identity, advertised methods and events, the state snapshot, auth and policy.</summary>
internal sealed class HelloBuilder(
    RpcMethodTable methods,
    GatewayEventCatalog events,
    GatewayCapabilityCatalog capabilities,
    PresenceTracker presence,
    GatewayStateVersions versions,
    IHealthSnapshotProvider health,
    GatewayLifecycle lifecycle,
    GatewaySettings settings,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    IOpenClawConfigSource? configSource = null)
{
    public async Task<HelloOk> BuildAsync(string connectionId, ConnectionPrincipal principal, int protocol, CancellationToken cancellationToken)
    {
        var healthSnapshot = await health.GetAsync(cancellationToken).ConfigureAwait(false);
        var policy = options.Value;
        var snapshot = new HelloSnapshot(
            EventScopeGuard.CanReceive(principal, GatewayEventNames.Presence) ? presence.Snapshot() : [],
            healthSnapshot,
            versions.Current,
            (long)(time.GetUtcNow() - lifecycle.StartedAt).TotalMilliseconds)
        {
            SessionDefaults = SessionDefaults(configSource?.Current.Config ?? OpenClawConfig.Default),
            AuthMode = settings.AuthMode,
            ConfigPath = settings.ConfigPath,
            StateDir = settings.StateDirectory,
        };

        return new HelloOk(
            protocol,
            new HelloServer(GatewayLifecycle.Version, connectionId) { BuildId = lifecycle.BuildId, BootId = lifecycle.BootId },
            new HelloFeatures(methods.MethodNames, events.EventNames) { Capabilities = capabilities.Capabilities },
            snapshot,
            new HelloAuth(principal.Role, principal.Scopes) { Method = principal.AuthMethod },
            new HelloPolicy(policy.MaxPayloadBytes, policy.MaxBufferedBytes, (long)policy.TickInterval.TotalMilliseconds));
    }

    private static SessionDefaults SessionDefaults(OpenClawConfig config)
    {
        var agentId = config.Agents.DefaultAgentId;
        var mainKey = config.Session.MainKey;
        return new SessionDefaults(agentId, mainKey, $"agent:{agentId}:{mainKey}") { Scope = config.Session.Scope };
    }
}
