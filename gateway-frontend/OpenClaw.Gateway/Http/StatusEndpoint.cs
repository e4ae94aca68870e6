using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Http;
using OpenClaw.Gateway.Methods.Agents;
using OpenClaw.Gateway.Methods.Channels;
using OpenClaw.Gateway.Methods.Sessions;
using OpenClaw.Gateway.Protocol;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>GET /status</c> of the seed documents' REST API (upstream openclaw has no such route): version, uptime, where
/// the gateway listens and how it authenticates (never the secret), configured channels and the session count.
/// Bearer auth as every gateway HTTP route.
/// </summary>
public static class StatusEndpoint
{
    public static IEndpointRouteBuilder MapStatusEndpoint(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/status", GetStatusAsync).RequireGatewayAuth();
        return endpoints;
    }

    private static async Task<IResult> GetStatusAsync(
        HttpContext http,
        IOpenClawConfigSource config,
        GatewaySettings settings,
        GatewayLifecycle lifecycle,
        SessionStoreSummaries sessionStores,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var snapshot = config.Current.Config;
        var stores = await sessionStores
            .ReadAsync(ConfiguredAgents.Ordered(snapshot.Agents), recentLimit: 0, cancellationToken)
            .ConfigureAwait(false);

        var document = new GatewayStatusDocument(
            Version: GatewayLifecycle.Version,
            UptimeMs: (long)Math.Max(0, (time.GetUtcNow() - lifecycle.StartedAt).TotalMilliseconds),
            // The port this request arrived on: the configured one may be 0 (ephemeral) in embedded hosts.
            Gateway: new GatewayListenStatus(http.Connection.LocalPort, settings.Bind, settings.AuthMode),
            Channels: Channels(snapshot),
            Sessions: new GatewaySessionCount(stores.Sum(store => store.Store.Count)));
        return TypedResults.Json(document, MethodsJson.Default.GatewayStatusDocument);
    }

    private static IReadOnlyList<GatewayChannelStatus> Channels(OpenClawConfig snapshot) =>
        [.. ConfiguredChannels.Read(snapshot.Channels).Select(channel =>
            new GatewayChannelStatus(channel.Id, channel.Enabled, [.. channel.Accounts.Select(account => account.AccountId)]))];
}
