using OpenClaw.Gateway.Auth;

namespace OpenClaw.Gateway.Events.SessionEvents;

/// <summary>
/// Who gets one session's event, on top of the scope guard. <c>chat</c>/<c>agent</c>: every operator, except that a
/// connection with <see cref="ClientCaps.SessionScopedEvents"/> gets them only for sessions it follows (spec §5);
/// tool-stream agent events also need <see cref="ClientCaps.ToolEvents"/>. <c>sessions.changed</c>: connections that
/// called <c>sessions.subscribe</c>.
/// </summary>
internal sealed class SessionEventAudience : IEventAudience
{
    private readonly SessionSubscriptions _subscriptions;
    private readonly string _sessionKey;
    private readonly Kind _kind;

    private SessionEventAudience(SessionSubscriptions subscriptions, string sessionKey, Kind kind)
    {
        _subscriptions = subscriptions;
        _sessionKey = sessionKey;
        _kind = kind;
    }

    private enum Kind
    {
        RunEvent,
        ToolEvent,
        SessionChange,
    }

    public static SessionEventAudience RunEvent(SessionSubscriptions subscriptions, string sessionKey) => new(subscriptions, sessionKey, Kind.RunEvent);

    public static SessionEventAudience ToolEvent(SessionSubscriptions subscriptions, string sessionKey) => new(subscriptions, sessionKey, Kind.ToolEvent);

    public static SessionEventAudience SessionChange(SessionSubscriptions subscriptions, string sessionKey) => new(subscriptions, sessionKey, Kind.SessionChange);

    public bool Admits(string connectionId, ConnectionPrincipal principal)
    {
        if (_kind == Kind.SessionChange)
        {
            return _subscriptions.WantsSessionChanges(connectionId);
        }

        if (_kind == Kind.ToolEvent && !principal.Caps.Contains(ClientCaps.ToolEvents))
        {
            return false;
        }

        return !principal.Caps.Contains(ClientCaps.SessionScopedEvents) || _subscriptions.Follows(connectionId, _sessionKey);
    }
}
