namespace OpenClaw.Gateway.Methods.Diagnostics;

/// <summary>
/// One tick of <see cref="RuntimeLoadMonitor"/>: how long a work item waited for a thread-pool thread, and the
/// process CPU time and GC pause time that accumulated since the previous tick.
/// </summary>
internal readonly record struct RuntimeLoadSample(
    long AtUnixMs,
    double WallMs,
    double DispatchDelayMs,
    double CpuMs,
    double GcPauseMs,
    long PendingWorkItems);
