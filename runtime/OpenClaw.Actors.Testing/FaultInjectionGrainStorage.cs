namespace OpenClaw.Actors.Testing;

/// <summary>
/// Wraps a grain storage and makes the next read, write or clear fail on command, once per command, before it
/// reaches the inner storage (so the stored state is untouched by the failed call). Thread-safe.
/// </summary>
public sealed class FaultInjectionGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private Exception? _nextReadFault;
    private Exception? _nextWriteFault;
    private Exception? _nextClearFault;

    public IGrainStorage Inner { get; } = inner;

    /// <summary>The next read throws <paramref name="fault"/> (default: an <see cref="IOException"/>).</summary>
    public void FailNextRead(Exception? fault = null) => Volatile.Write(ref _nextReadFault, fault ?? DefaultFault("read"));

    /// <summary>The next write throws <paramref name="fault"/> (default: an <see cref="IOException"/>).</summary>
    public void FailNextWrite(Exception? fault = null) => Volatile.Write(ref _nextWriteFault, fault ?? DefaultFault("write"));

    /// <summary>The next clear throws <paramref name="fault"/> (default: an <see cref="IOException"/>).</summary>
    public void FailNextClear(Exception? fault = null) => Volatile.Write(ref _nextClearFault, fault ?? DefaultFault("clear"));

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        return TakeFault(ref _nextReadFault) is { } fault
            ? Task.FromException(fault)
            : Inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        return TakeFault(ref _nextWriteFault) is { } fault
            ? Task.FromException(fault)
            : Inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        return TakeFault(ref _nextClearFault) is { } fault
            ? Task.FromException(fault)
            : Inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    private static Exception? TakeFault(ref Exception? slot) => Interlocked.Exchange(ref slot, null);

    private static IOException DefaultFault(string operation) => new($"Injected storage fault on {operation}.");
}
