namespace OpenClaw.Gateway.Methods.Diagnostics;

/// <summary>When the runtime counts as degraded, and the reason names reported in <c>eventLoop.reasons</c>.</summary>
internal static class RuntimeLoadThresholds
{
    /// <summary>p99 thread-pool dispatch delay above this means requests wait for threads (Node's loop-delay analogue).</summary>
    public const double DispatchDelayP99Ms = 200;

    /// <summary>Share of the machine's cores this process used over the window.</summary>
    public const double Utilization = 0.9;

    /// <summary>Share of wall time the process spent paused for garbage collection.</summary>
    public const double GcPauseShare = 0.2;

    /// <summary>Work items queued to the thread pool and not yet started.</summary>
    public const long PendingWorkItems = 1000;

    public const string DispatchDelayReason = "thread-pool-delay";
    public const string UtilizationReason = "cpu-saturated";
    public const string GcPauseReason = "gc-pause";
    public const string PendingWorkReason = "thread-pool-queue";
}
