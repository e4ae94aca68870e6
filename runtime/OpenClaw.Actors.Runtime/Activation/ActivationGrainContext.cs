using OpenClaw.Actors.References;

namespace OpenClaw.Actors.Runtime.Activation;

/// <summary>The <see cref="IGrainContext"/> of one activation: what grain code reaches through <see cref="Grain"/>'s members.</summary>
internal sealed class ActivationGrainContext(GrainActivation activation, IServiceProvider activationServices, ActivationEnvironment environment)
    : IGrainContext
{
    private IReminderRegistry? _reminders;

    public GrainId GrainId => activation.GrainId;
    public IServiceProvider ActivationServices => activationServices;
    public IGrainFactory GrainFactory => environment.GrainFactory;

    public IReminderRegistry Reminders => _reminders ??= environment.Reminders(activation.GrainId);

    public IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
        => activation.RegisterTimer(callback, state, options);

    public IStreamProvider GetStreamProvider(string name) => StreamProviders.Get(activationServices, name);

    public void DeactivateOnIdle() => activation.StartDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    public void DelayDeactivation(TimeSpan timeSpan) => activation.DelayDeactivation(timeSpan);
}
