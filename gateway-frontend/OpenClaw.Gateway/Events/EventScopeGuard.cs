using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Events;

/// <summary>
/// Who may receive a broadcast (openclaw <c>server-broadcast-scopes.ts</c>, spec §5). Nodes get only the unguarded
/// events; operators need the event's scope (with implications); unknown events are not delivered.
/// </summary>
public static class EventScopeGuard
{
    /// <summary>Marker for events nobody receives by broadcast (targeted events, unknown names).</summary>
    private const string Nobody = "";

    private static readonly HashSet<string> Unguarded =
        ["tick", "health", "heartbeat", "shutdown", "gateway.suspension", "update.available"];

    private static readonly HashSet<string> AdminOnly = ["plugins.install.progress", "update.run.changed"];

    private static readonly HashSet<string> ReadScoped =
    [
        "agent", "chat", "chat.metadata.changed", "cron", "presence", "sessions.changed", "node.presence",
        "node.hostStats", "node.runnerInventory.changed", "config.changed", "models.snapshot", "ui.command", "task",
        "task.suggestion", "skills.changed", "plugins.changed", "plugins.controlUi.changed", "users.prefs.changed",
        "voicewake.changed", "voicewake.routing.changed", "controlUi.sessionPullRequests.changed", "portal.changed",
        "progressCard.changed", "mentions.changed", "talk.event",
    ];

    /// <summary>Events that <c>session-scoped-events</c> clients get only for sessions they subscribed to.</summary>
    public static IReadOnlySet<string> SessionScoped { get; } = new HashSet<string>(["agent", "chat", "session.tool", "session.observer"]);

    public static bool CanReceive(ConnectionPrincipal principal, string eventName)
    {
        if (Unguarded.Contains(eventName))
        {
            return true;
        }

        if (principal.IsNode)
        {
            return false;
        }

        var scope = RequiredScope(eventName);
        return scope != Nobody && principal.HasScope(scope);
    }

    /// <summary>The operator scope an event needs; empty when it is never broadcast.</summary>
    public static string RequiredScope(string eventName)
    {
        if (ReadScoped.Contains(eventName) || eventName.StartsWith("session.", StringComparison.Ordinal))
        {
            return OperatorScopes.Read;
        }

        if (AdminOnly.Contains(eventName) || eventName.StartsWith("terminal.", StringComparison.Ordinal))
        {
            return OperatorScopes.Admin;
        }

        if (eventName.Contains(".approval.", StringComparison.Ordinal))
        {
            return OperatorScopes.Approvals;
        }

        if (eventName.StartsWith("device.pair.", StringComparison.Ordinal) || eventName.StartsWith("node.pair.", StringComparison.Ordinal))
        {
            return OperatorScopes.Pairing;
        }

        if (eventName.StartsWith("question.", StringComparison.Ordinal))
        {
            return OperatorScopes.Questions;
        }

        if (eventName is "talk.mode" or "talk.voice.change")
        {
            return OperatorScopes.Talk;
        }

        return eventName.StartsWith("plugin.", StringComparison.Ordinal) ? OperatorScopes.Write : Nobody;
    }
}
