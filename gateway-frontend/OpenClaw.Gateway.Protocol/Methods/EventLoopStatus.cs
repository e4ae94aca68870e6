using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// <c>eventLoop</c> of <c>health</c>, <c>status</c> and <c>channels.status</c>. Upstream measures the Node event loop;
/// this gateway reports the .NET equivalents (thread-pool dispatch delay, CPU, GC pauses) under the same names.
/// <see cref="DegradedSinceMs"/> is sent as <c>null</c> while healthy, as upstream does.
/// </summary>
public sealed record EventLoopStatus(
    bool Degraded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? DegradedSinceMs,
    IReadOnlyList<string> Reasons,
    double IntervalMs,
    double DelayP99Ms,
    double DelayMaxMs,
    double Utilization,
    double CpuCoreRatio);

/// <summary><c>modelRuntime</c>: whether model catalogues are still loading for some agents.</summary>
public sealed record ModelRuntimeStatus(bool Degraded, IReadOnlyList<string> PendingAgents);
