using OpenClaw.Actors.Diagnostics;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Dashboard;

/// <summary><c>cluster.status</c> (admin): the dashboard document over the WebSocket protocol, the same JSON as <c>GET /dashboard/api/status</c>.</summary>
internal sealed class DashboardMethods(IClusterStatusProvider status) : IRpcMethodGroup
{
    public const string ClusterStatus = "cluster.status";

    public void Map(RpcMethodTable methods) =>
        methods.Map(ClusterStatus, OperatorScopes.Admin, MethodsJson.Default.EmptyMethodParams, DiagnosticsJson.Default.ClusterStatusReport,
            (_, _, cancellationToken) => status.GetAsync(cancellationToken));
}
