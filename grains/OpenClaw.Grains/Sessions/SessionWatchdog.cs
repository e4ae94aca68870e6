using Microsoft.Extensions.Logging;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// The session's crash watchdog: a reminder that ticks every <see cref="Period"/> while the session has a run or a
/// queued input, so that after a crash (or when another silo takes the session over) the next activation settles the
/// cut-off run within one period. It stays registered across back-to-back runs and is removed only after the session
/// has been idle for a whole period, so a busy session registers it once, not once per run.
/// <para>
/// Arming does not wait for the reminder table: a run that ends in milliseconds must not pay for a table write on
/// its way to <c>final</c>. The registration runs beside the run and is awaited (<see cref="ObserveAsync"/>) after
/// the terminal events are out; a failure is logged and the next arm tries again. The cost is a window of one table
/// write at the start of a session's first run in which a crash leaves no watchdog (the run is then settled on the
/// session's next activation instead). Used only on the grain's scheduler.
/// </para>
/// </summary>
internal sealed partial class SessionWatchdog(
    Func<TimeSpan, Task> register, Func<Task> unregister, string sessionKey, ILogger logger)
{
    /// <summary>At most this long between a silo's death and the tick that settles its cut-off run elsewhere.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    private Task? _registering;
    private bool _registered;

    /// <summary>What the reminder table said when the activation started.</summary>
    public void Known(bool registered) => _registered = registered;

    /// <summary>Starts registering the reminder if it is not registered; does not wait for it.</summary>
    public void Arm()
    {
        if (_registered || _registering is not null) return;
        // On the thread pool: a table write may complete synchronously, and it must not run inside this turn.
        _registering = Task.Run(() => register(Period));
    }

    /// <summary>Arms and waits until the reminder is registered (paths that are not latency-critical).</summary>
    public async Task EnsureAsync()
    {
        Arm();
        await ObserveAsync();
    }

    /// <summary>Waits for a registration in flight; a failure is logged (the next <see cref="Arm"/> retries).</summary>
    public async Task ObserveAsync()
    {
        if (_registering is not { } registering) return;
        try
        {
            await registering;
            _registered = true;
        }
        catch (Exception exception)
        {
            LogArmFailed(exception, sessionKey);
        }
        finally
        {
            _registering = null;
        }
    }

    /// <summary>Removes the reminder (the session is idle: nothing to watch).</summary>
    public async Task DisarmAsync()
    {
        await ObserveAsync();
        await unregister();
        _registered = false;
    }

    [LoggerMessage(3006, LogLevel.Warning, "Session {SessionKey} could not register its watchdog reminder; the next run tries again")]
    private partial void LogArmFailed(Exception exception, string sessionKey);
}
