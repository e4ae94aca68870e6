namespace OpenClaw.Actors.Runtime.Activation;

/// <summary>
/// The <see cref="IPersistentState{TState}"/> injected into grain constructors: a named state in a named
/// <see cref="IGrainStorage"/>. A write or clear that hits an ETag conflict is rethrown to the caller and the
/// activation deactivates after the turn, so the next activation reloads the newer state.
/// </summary>
internal sealed class PersistentState<TState>(
    IGrainStorage storage, string stateName, GrainId grainId, IActivationStateEvents events)
    : IPersistentState<TState>, IGrainState<TState>, IActivationStateLoader
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? Etag => ETag;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    public Task LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ReadStateAsync(stateName, grainId, this, cancellationToken).ConfigureAwait(true);
        State ??= new TState();
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.WriteStateAsync(stateName, grainId, this, cancellationToken).ConfigureAwait(true);
        }
        catch (InconsistentStateException exception)
        {
            events.OnInconsistentState(exception);
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ClearStateAsync(stateName, grainId, this, cancellationToken).ConfigureAwait(true);
        }
        catch (InconsistentStateException exception)
        {
            events.OnInconsistentState(exception);
            throw;
        }

        State ??= new TState();
    }
}
