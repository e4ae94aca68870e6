using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Methods.SystemInfo;

/// <summary>This gateway runs no heartbeats yet: every agent reports them disabled, as upstream does for <c>every: "0m"</c>.</summary>
internal static class HeartbeatDefaults
{
    public const string DisabledEvery = "disabled";

    public static AgentHeartbeatStatus Disabled { get; } = new(Enabled: false, Every: DisabledEvery, EveryMs: null);
}
