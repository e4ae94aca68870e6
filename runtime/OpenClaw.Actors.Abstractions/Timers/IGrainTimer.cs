namespace OpenClaw.Actors;

/// <summary>A grain timer. Disposing it stops it; deactivation disposes it.</summary>
public interface IGrainTimer : IDisposable
{
    void Change(TimeSpan dueTime, TimeSpan period);
}

/// <summary>
/// Options of a grain timer. <see cref="Timeout.InfiniteTimeSpan"/> as period fires once. With
/// <see cref="Interleave"/> false (the default) a tick is a normal turn; with <see cref="KeepAlive"/> false (the
/// default) ticks do not count as activity for idle collection.
/// </summary>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    public bool Interleave { get; init; }
    public bool KeepAlive { get; init; }
}
