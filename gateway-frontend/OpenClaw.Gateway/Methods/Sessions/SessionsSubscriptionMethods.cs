using OpenClaw.Configuration;
using OpenClaw.Gateway.Events.SessionEvents;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Methods.Sessions;

/// <summary>
/// Per-connection event subscriptions: <c>sessions.subscribe</c> (then <c>sessions.changed</c> events) and
/// <c>sessions.messages.subscribe</c>/<c>unsubscribe</c> (a session's chat/agent events for session-scoped clients).
/// The state is the connection's own, kept on this front node in <see cref="SessionSubscriptions"/>.
/// </summary>
internal sealed class SessionsSubscriptionMethods(IOpenClawConfigSource config, SessionSubscriptions subscriptions) : IRpcMethodGroup
{
    public void Map(RpcMethodTable methods)
    {
        var json = SessionMethodsJson.Default;
        methods.Map("sessions.subscribe", OperatorScopes.Read, json.SessionsSubscribeParams, json.SessionsSubscribeResult, SubscribeAsync);
        methods.Map("sessions.messages.subscribe", OperatorScopes.Read, json.SessionsMessagesSubscribeParams, json.SessionsMessagesSubscribeResult, FollowAsync);
        methods.Map("sessions.messages.unsubscribe", OperatorScopes.Read, json.SessionsMessagesSubscribeParams, json.SessionsMessagesSubscribeResult, UnfollowAsync);
    }

    private Task<SessionsSubscribeResult> SubscribeAsync(SessionsSubscribeParams request, RpcContext context, CancellationToken cancellationToken)
    {
        subscriptions.SubscribeSessionChanges(context.ConnectionId);
        return Task.FromResult(new SessionsSubscribeResult(true));
    }

    private Task<SessionsMessagesSubscribeResult> FollowAsync(SessionsMessagesSubscribeParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var target = SessionTargets.Resolve(config.Current.Config, request.Key, request.AgentId);
        subscriptions.Follow(context.ConnectionId, target.Key);
        return Task.FromResult(new SessionsMessagesSubscribeResult(true, target.Key));
    }

    private Task<SessionsMessagesSubscribeResult> UnfollowAsync(SessionsMessagesSubscribeParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var target = SessionTargets.Resolve(config.Current.Config, request.Key, request.AgentId);
        subscriptions.Unfollow(context.ConnectionId, target.Key);
        return Task.FromResult(new SessionsMessagesSubscribeResult(false, target.Key));
    }
}
