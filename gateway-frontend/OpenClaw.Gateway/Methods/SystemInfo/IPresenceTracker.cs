using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Methods.SystemInfo;

/// <summary>
/// Who is connected, for <c>system-presence</c> (and <c>hello-ok.snapshot.presence</c>). The connection layer
/// registers the real one; <see cref="GatewaySelfPresence"/> is the fallback that lists only this gateway.
/// </summary>
public interface IPresenceTracker
{
    IReadOnlyList<PresenceEntry> Snapshot();
}
