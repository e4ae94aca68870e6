namespace OpenClaw.Actors;

/// <summary>
/// The runtime side of one activation, as a grain sees it. Implemented by the silo; grain code reaches it through
/// <see cref="Grain"/>'s members.
/// </summary>
public interface IGrainContext
{
    GrainId GrainId { get; }
    IServiceProvider ActivationServices { get; }
    IGrainFactory GrainFactory { get; }

    IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options);
    IReminderRegistry Reminders { get; }
    IStreamProvider GetStreamProvider(string name);

    /// <summary>Deactivates the activation once the current turn and the queued requests are done.</summary>
    void DeactivateOnIdle();

    /// <summary>Keeps the activation from idle collection for at least <paramref name="timeSpan"/>.</summary>
    void DelayDeactivation(TimeSpan timeSpan);
}
