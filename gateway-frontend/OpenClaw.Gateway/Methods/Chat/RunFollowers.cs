using OpenClaw.Gateway.Events.SessionEvents;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Methods.Chat;

/// <summary>
/// What a front node notes when a connection starts a run: the run's session (for <c>agent.wait</c>) and, for a
/// session-scoped client, that it follows that session, so it sees its own run's events. Noted before the grain is
/// called, so no event of the run can go by first.
/// </summary>
internal sealed class RunFollowers(SessionSubscriptions subscriptions, RunSessionDirectory runs)
{
    public void Starting(RpcContext context, string runId, string sessionKey)
    {
        runs.Remember(runId, sessionKey);
        if (context.Principal.Caps.Contains(ClientCaps.SessionScopedEvents))
        {
            subscriptions.FollowRunSession(context.ConnectionId, sessionKey);
        }
    }
}
