namespace OpenClaw.Actors.Runtime.Activation;

/// <summary>What a grain's persistent state tells its activation.</summary>
internal interface IActivationStateEvents
{
    /// <summary>A write hit an ETag conflict: this activation's view is stale, so it deactivates after the current turn.</summary>
    void OnInconsistentState(InconsistentStateException exception);
}

/// <summary>A persistent state that the activation reads before <see cref="Grain.OnActivateAsync"/>.</summary>
internal interface IActivationStateLoader
{
    Task LoadAsync(CancellationToken cancellationToken);
}
