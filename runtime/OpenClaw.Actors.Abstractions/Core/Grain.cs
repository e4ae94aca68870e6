namespace OpenClaw.Actors;

/// <summary>
/// Base class of grain implementations, with Orleans' member names. A grain activates on its first call, handles one
/// request at a time (unless <see cref="ReentrantAttribute"/> or interleaving attributes say otherwise) and is
/// deactivated after it has been idle for the collection age.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>Set by the runtime before <see cref="OnActivateAsync"/>.</summary>
    public IGrainContext GrainContext
    {
        get => _context ?? throw new InvalidOperationException("The grain is not attached to an activation yet.");
        internal set => _context = value;
    }

    public GrainId GrainId => GrainContext.GrainId;
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;
    protected IServiceProvider ServiceProvider => GrainContext.ActivationServices;

    /// <summary>The string key of this grain.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    protected void DelayDeactivation(TimeSpan timeSpan) => GrainContext.DelayDeactivation(timeSpan);

    /// <summary>
    /// A timer that runs <paramref name="callback"/> as a turn of this activation (never concurrently with other turns
    /// unless <see cref="GrainTimerCreationOptions.Interleave"/>). Timers are not durable: use reminders for that.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
        => GrainContext.RegisterGrainTimer(callback, state, options);

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => GrainContext.RegisterGrainTimer(static (cb, ct) => cb(ct), callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Registers or updates a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        => GrainContext.Reminders.RegisterOrUpdateReminder(reminderName, dueTime, period);

    protected Task UnregisterReminder(IGrainReminder reminder) => GrainContext.Reminders.UnregisterReminder(reminder);

    protected Task<IGrainReminder?> GetReminder(string reminderName) => GrainContext.Reminders.GetReminder(reminderName);

    protected IStreamProvider GetStreamProvider(string name) => GrainContext.GetStreamProvider(name);
}

/// <summary>Why an activation is being deactivated.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description);

public enum DeactivationReasonCode
{
    None,
    ActivationIdle,
    ApplicationRequested,
    ShuttingDown,
    ActivationFailed,
    /// <summary>A state write hit an ETag conflict: another activation wrote newer state.</summary>
    InconsistentState,
    /// <summary>This silo no longer owns the grain's shard (cluster hand-off).</summary>
    Migrating,
}
