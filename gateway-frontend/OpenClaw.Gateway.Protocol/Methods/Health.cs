using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary><c>health</c> params. <see cref="Probe"/> bypasses the cached summary.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record HealthParams
{
    public bool? Probe { get; init; }
}

/// <summary>
/// <c>health</c> result, the <c>health</c> event payload and <c>hello-ok.snapshot.health</c> (openclaw's HealthSummary).
/// </summary>
public sealed record HealthSummary(
    bool Ok,
    long Ts,
    long DurationMs,
    HealthPlugins Plugins,
    ConfigReloadStatus ConfigReload,
    IReadOnlyDictionary<string, ChannelHealthSummary> Channels,
    IReadOnlyList<string> ChannelOrder,
    IReadOnlyDictionary<string, string> ChannelLabels,
    int HeartbeatSeconds,
    string DefaultAgentId,
    IReadOnlyList<AgentHealthSummary> Agents,
    SessionStoreSummary Sessions,
    ModelRuntimeStatus ModelRuntime,
    EventLoopStatus EventLoop);

public sealed record HealthPlugins(IReadOnlyList<string> Loaded, IReadOnlyList<string> Errors, IReadOnlyList<string> Unavailable);

/// <summary><c>configReload.hotReloadStatus</c>: <c>active</c> while the config file is watched.</summary>
public sealed record ConfigReloadStatus(string HotReloadStatus);

/// <summary>One configured channel in <c>health.channels</c>, keyed by channel id.</summary>
public sealed record ChannelHealthSummary(string AccountId, bool Configured, bool Running)
{
    public IReadOnlyDictionary<string, ChannelAccountHealthSummary>? Accounts { get; init; }
}

public sealed record ChannelAccountHealthSummary(string AccountId, bool Configured, bool Running);

public sealed record AgentHealthSummary(string AgentId, bool IsDefault, AgentHeartbeatStatus Heartbeat, SessionStoreSummary Sessions);

/// <summary>
/// An agent's heartbeat schedule. <see cref="EveryMs"/> is <c>null</c> (sent, not omitted) when heartbeats are
/// disabled, as upstream sends it.
/// </summary>
public sealed record AgentHeartbeatStatus(
    bool Enabled,
    string Every,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? EveryMs);

/// <summary>An agent's session store: where it lives, how many sessions, the most recently updated ones.</summary>
public sealed record SessionStoreSummary(string Path, int Count, IReadOnlyList<RecentSessionSummary> Recent);

/// <summary>A recently updated session; <see cref="Age"/> is milliseconds since <see cref="UpdatedAt"/>.</summary>
public sealed record RecentSessionSummary(string Key, long UpdatedAt, long Age);
