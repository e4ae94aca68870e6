using System.Runtime.InteropServices;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Methods.SystemInfo;

/// <summary>The presence list when no connection tracker is registered: just this gateway, as upstream lists itself.</summary>
internal sealed class GatewaySelfPresence(TimeProvider time) : IPresenceTracker
{
    public IReadOnlyList<PresenceEntry> Snapshot() =>
    [
        new PresenceEntry(time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            Host = Environment.MachineName,
            Version = GatewayRuntimeVersion.Current,
            Platform = RuntimeInformation.OSDescription,
            Mode = "gateway",
            Reason = "self",
        },
    ];
}
