namespace OpenClaw.Actors.Diagnostics;

/// <summary>
/// What one silo measured for one grain type: current activations, calls and errors since the silo started, and the
/// calls of the recent window (<see cref="WindowSeconds"/> long) with their latency histogram in the
/// <see cref="LatencyBuckets"/> layout (trailing empty buckets left off). An error is a call that ended with an exception.
/// </summary>
public sealed record GrainTypeSample(
    string GrainType,
    int Activations,
    long Calls,
    long Errors,
    double WindowSeconds,
    long WindowCalls,
    long WindowErrors,
    IReadOnlyList<long> WindowLatencyBuckets);
