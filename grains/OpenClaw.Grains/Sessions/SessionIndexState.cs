using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// The whole <c>sessions.json</c> of one agent: session key → entry. Serialized as a plain JSON object so the file
/// keeps OpenClaw's legacy layout and can be moved between this gateway and OpenClaw.
/// </summary>
public sealed class SessionIndexState : Dictionary<string, SessionEntry>
{
    public SessionIndexState() : base(StringComparer.Ordinal) { }
}
