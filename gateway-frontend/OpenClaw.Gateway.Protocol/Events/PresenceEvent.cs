namespace OpenClaw.Gateway.Protocol;

/// <summary>Payload of <c>presence</c>: the full list, replaced as a whole (ordered by <c>stateVersion.presence</c>).</summary>
public sealed record PresenceEvent(IReadOnlyList<PresenceEntry> Presence);
