namespace OpenClaw.Gateway.Protocol;

/// <summary><c>stateVersion</c>: counters that let clients discard stale presence and health snapshots.</summary>
public sealed record GatewayStateVersion(long Presence, long Health);
