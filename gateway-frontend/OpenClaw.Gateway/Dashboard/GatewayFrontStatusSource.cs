using OpenClaw.Actors.Diagnostics;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Events.SessionEvents;

namespace OpenClaw.Gateway.Dashboard;

/// <summary>
/// This front node's numbers for the dashboard: open client connections and session subscriptions
/// (<see cref="SessionSubscriptions.FollowCount"/>).
/// </summary>
internal sealed class GatewayFrontStatusSource(ConnectionRegistry connections, SessionSubscriptions subscriptions) : IFrontStatusSource
{
    public FrontCounters Read() => new(connections.Count, Subscriptions: (int)Math.Min(subscriptions.FollowCount, int.MaxValue));
}
