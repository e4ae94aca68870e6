using OpenClaw.Actors.Diagnostics;
using OpenClaw.Gateway.Connections;

namespace OpenClaw.Gateway.Dashboard;

/// <summary>
/// This front node's numbers for the dashboard: open client connections. Session subscriptions are reported as null
/// (not counted): the per-connection subscription table keeps no total yet.
/// </summary>
internal sealed class GatewayFrontStatusSource(ConnectionRegistry connections) : IFrontStatusSource
{
    public FrontCounters Read() => new(connections.Count, Subscriptions: null);
}
