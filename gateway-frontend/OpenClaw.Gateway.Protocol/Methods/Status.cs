using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary><c>status</c> params (the CLI sends <c>includeChannelSummary:false, includeCliProjection:true</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record StatusParams
{
    public bool? IncludeChannelSummary { get; init; }
    public bool? IncludeCliProjection { get; init; }
}

/// <summary><c>status</c> result: what <c>openclaw status</c> renders.</summary>
public sealed record StatusSummary(
    string RuntimeVersion,
    HostDesktopStatus HostDesktop,
    HeartbeatOverview Heartbeat,
    IReadOnlyList<string> ChannelSummary,
    IReadOnlyList<string> QueuedSystemEvents,
    IReadOnlyList<string> DegradedSecretOwners,
    IReadOnlyList<string> DegradedPlugins,
    StatusSessions Sessions,
    ModelRuntimeStatus ModelRuntime,
    EventLoopStatus EventLoop,
    ProcessMemoryStatus ProcessMemory,
    int Pid)
{
    /// <summary>Present only when <see cref="StatusParams.IncludeCliProjection"/> was true.</summary>
    [JsonPropertyOrder(-1)]
    public CliProjection? CliProjection { get; init; }
}

public sealed record CliProjection(CliAgentsProjection Agents, MemoryPluginStatus MemoryPlugin);

/// <summary><c>ownership</c> is <c>sole</c> with one agent, <c>explicit</c> with several.</summary>
public sealed record CliAgentsProjection(string DefaultId, string Ownership, bool SelectionRequired, IReadOnlyList<CliAgentRow> Rows);

public sealed record CliAgentRow(string Id)
{
    /// <summary>The agent's configured display name, if any (the CLI shows it beside the id).</summary>
    public string? Name { get; init; }
}

public sealed record MemoryPluginStatus(bool Enabled)
{
    public string? Slot { get; init; }
}

/// <summary>The desktop-host feature of upstream; this gateway has none.</summary>
public sealed record HostDesktopStatus(bool Enabled, string State);

public sealed record HeartbeatOverview(string DefaultAgentId, IReadOnlyList<AgentHeartbeatOverview> Agents);

public sealed record AgentHeartbeatOverview(
    string AgentId,
    bool Enabled,
    string Every,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? EveryMs);

/// <summary><c>status.sessions</c>; <see cref="Recent"/> merges every agent's most recent sessions.</summary>
public sealed record StatusSessions(
    IReadOnlyList<string> Paths,
    int Count,
    StatusSessionDefaults Defaults,
    IReadOnlyList<RecentSessionSummary> Recent,
    IReadOnlyList<AgentSessionsStatus> ByAgent);

/// <summary>The default model and its context window; both sent as <c>null</c> when unknown, as upstream does.</summary>
public sealed record StatusSessionDefaults(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Model,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? ContextTokens);

public sealed record AgentSessionsStatus(string AgentId, string Path, int Count, IReadOnlyList<RecentSessionSummary> Recent);

/// <summary>
/// This process's memory. <see cref="HeapUsedBytes"/>/<see cref="HeapTotalBytes"/> are the managed heap (in use /
/// committed), the nearest .NET counterparts of V8's heap figures.
/// </summary>
public sealed record ProcessMemoryStatus(long RssBytes, long HeapUsedBytes, long HeapTotalBytes);

/// <summary>
/// <c>last-heartbeat</c> result: the last heartbeat event (<c>{ts, status, reason?}</c>), or a JSON <c>null</c> payload
/// before the first heartbeat.
/// </summary>
public sealed record LastHeartbeatResult(long Ts, string Status)
{
    public string? Reason { get; init; }
}
