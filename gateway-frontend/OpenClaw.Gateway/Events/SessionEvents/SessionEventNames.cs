namespace OpenClaw.Gateway.Events.SessionEvents;

/// <summary>The protocol events the session relay emits.</summary>
public static class SessionEventNames
{
    public const string Chat = "chat";
    public const string Agent = "agent";
    public const string SessionsChanged = "sessions.changed";

    /// <summary>The <c>agent</c> stream only <see cref="ClientCaps.ToolEvents"/> connections receive.</summary>
    public const string ToolStream = "tool";
}
