using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Methods.SystemInfo;

/// <summary>openclaw's system family: <c>health</c>, <c>status</c>, <c>system-presence</c>, <c>last-heartbeat</c>.</summary>
internal sealed class SystemMethods(
    HealthSummaryService health,
    StatusSummaryService status,
    PresenceTracker presence) : IRpcMethodGroup
{
    public void Map(RpcMethodTable methods)
    {
        var json = MethodsJson.Default;

        // health is allowed for every authenticated connection, whatever its scopes (upstream rule 1). Its summary is a
        // cached, never-changed instance, so its bytes are reused until the next rebuild.
        methods.Map("health", RpcScopes.Open, json.HealthParams, json.HealthSummary,
            (request, _, cancellationToken) => health.GetAsync(request.Probe == true, cancellationToken), sharedResult: true);

        methods.Map("status", OperatorScopes.Read, json.StatusParams, json.StatusSummary,
            (request, _, cancellationToken) => status.BuildAsync(request, cancellationToken));

        methods.Map("system-presence", OperatorScopes.Read, json.EmptyMethodParams, json.IReadOnlyListPresenceEntry,
            (_, _, _) => Task.FromResult(presence.Snapshot()), sharedResult: true);

        // No heartbeat runs in this gateway yet, so there is never a last one: the payload is JSON null, as upstream
        // answers before its first heartbeat.
        methods.Map<EmptyMethodParams, LastHeartbeatResult?>("last-heartbeat", OperatorScopes.Read, json.EmptyMethodParams, json.LastHeartbeatResult,
            (_, _, _) => Task.FromResult<LastHeartbeatResult?>(null));
    }
}
