namespace OpenClaw.Gateway.Events.SessionEvents;

/// <summary>Client capability flags (<c>connect.params.caps</c>) that change which session events a connection gets.</summary>
public static class ClientCaps
{
    /// <summary>chat/agent/session.* events only for sessions the connection subscribed to or ran something in.</summary>
    public const string SessionScopedEvents = "session-scoped-events";

    /// <summary>The connection wants <c>agent</c> events of the <c>tool</c> stream.</summary>
    public const string ToolEvents = "tool-events";
}
