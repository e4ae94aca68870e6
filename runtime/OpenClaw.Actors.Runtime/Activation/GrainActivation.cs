using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors.Runtime.Catalog;
using OpenClaw.Actors.Runtime.Scheduling;
using OpenClaw.Actors.Runtime.Timers;

namespace OpenClaw.Actors.Runtime.Activation;

/// <summary>
/// One live grain: its mailbox, its scheduler, its lifecycle (activate → serve → deactivate) and its timers. All
/// bookkeeping happens under <see cref="_lock"/>; grain code never runs under it, only on the activation's scheduler.
/// </summary>
internal sealed partial class GrainActivation : IActivationStateEvents
{
    private readonly Lock _lock = new();
    private readonly ActivationEnvironment _environment;
    private readonly ILogger _logger;
    private readonly ActivationMailbox _mailbox;
    private readonly ActivationScheduler _scheduler = new();
    private readonly Action<GrainActivation> _onDeactivated;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> _timers = [];
    private readonly CancellationTokenSource _lifetime = new();
    private ActivationState _state;
    private DeactivationReason _reason;
    private DeactivationReason? _requestedWhileActivating;
    private bool _finishing;
    private bool _timersClosed;
    private AsyncServiceScope? _scope;
    private Grain? _grain;
    private DateTimeOffset _lastActivity;
    private DateTimeOffset _keepAliveUntil;

    public GrainActivation(GrainId grainId, GrainClassInfo classInfo, ActivationEnvironment environment, Action<GrainActivation> onDeactivated)
    {
        GrainId = grainId;
        ClassInfo = classInfo;
        _environment = environment;
        _logger = environment.Logger;
        _onDeactivated = onDeactivated;
        _mailbox = new ActivationMailbox(grainId, classInfo.IsReentrant, environment.Options.MaxEnqueuedRequests);
        _lastActivity = environment.Time.GetUtcNow();
    }

    public GrainId GrainId { get; }
    public GrainClassInfo ClassInfo { get; }

    /// <summary>Completes when the activation has left the catalog (after OnDeactivateAsync, a failed activation, or a kill).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>
    /// Queues a request, starting the activation on first use. False when the activation no longer accepts work
    /// (deactivating): the caller waits for <see cref="Deactivated"/> and goes to the next activation.
    /// </summary>
    public bool TryEnqueue(ActivationRequest request)
    {
        var activate = false;
        lock (_lock)
        {
            if (_state >= ActivationState.Deactivating) return false;
            _mailbox.Enqueue(request);
            if (_state == ActivationState.Created)
            {
                _state = ActivationState.Activating;
                activate = true;
            }
        }

        if (activate) RunOwned(ActivateAsync());
        else Advance();
        return true;
    }

    /// <summary>Stops accepting requests, lets the accepted ones finish, then runs OnDeactivateAsync.</summary>
    public void StartDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            switch (_state)
            {
                case ActivationState.Activating:
                    _requestedWhileActivating ??= reason;
                    return;
                case ActivationState.Created or ActivationState.Valid:
                    _state = ActivationState.Deactivating;
                    _reason = reason;
                    break;
                default:
                    return;
            }
        }

        Advance();
    }

    /// <summary>Drops the activation at once, without OnDeactivateAsync (a silo dying); queued calls are routed again.</summary>
    public void Kill()
    {
        List<ActivationRequest> queued;
        lock (_lock)
        {
            if (_state == ActivationState.Deactivated) return;
            _state = ActivationState.Deactivated;
            queued = _mailbox.DrainQueued();
        }

        _lifetime.Cancel();
        var notHere = new GrainNotOwnedException(GrainId, "the silo hosting it was stopped abruptly");
        foreach (var request in queued) request.Reject(notHere);
        RunOwned(CompleteDeactivationAsync());
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = _environment.Time.GetUtcNow() + timeSpan;
        lock (_lock)
        {
            _keepAliveUntil = timeSpan <= TimeSpan.Zero ? DateTimeOffset.MinValue : (until > _keepAliveUntil ? until : _keepAliveUntil);
        }
    }

    /// <summary>Whether the grain is inside a <c>DelayDeactivation</c> window at <paramref name="now"/>.</summary>
    public bool IsKeptActive(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _state == ActivationState.Valid && now < _keepAliveUntil;
        }
    }

    /// <summary>Whether idle collection may deactivate this activation now.</summary>
    public bool IsCollectible(DateTimeOffset now, TimeSpan collectionAge)
    {
        if (ClassInfo.KeepAlive) return false;
        lock (_lock)
        {
            return _state == ActivationState.Valid && _mailbox.IsIdle && now >= _keepAliveUntil && now - _lastActivity >= collectionAge;
        }
    }

    public IGrainTimer RegisterTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer<TState>(this, callback, state, options, _environment.Time, _environment.Logger);
        lock (_lock)
        {
            if (!_timersClosed)
            {
                _timers.Add(timer);
                return timer;
            }
        }

        timer.Dispose();
        throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot register new timers.");
    }

    public void OnTimerDisposed(IDisposable timer)
    {
        lock (_lock) _timers.Remove(timer);
    }

    void IActivationStateEvents.OnInconsistentState(InconsistentStateException exception)
    {
        LogInconsistentState(exception, GrainId);
        StartDeactivation(new DeactivationReason(DeactivationReasonCode.InconsistentState, "A state write found newer state; reloading in a new activation."));
    }

    private async Task ActivateAsync()
    {
        try
        {
            await _scheduler.RunAsync(async () =>
            {
                var scope = _environment.Services.CreateAsyncScope();
                _scope = scope;
                var constructed = ClassInfo.Constructor.Create(scope.ServiceProvider, GrainId, this);
                constructed.Grain.GrainContext = new ActivationGrainContext(this, scope.ServiceProvider, _environment);
                _grain = constructed.Grain;
                foreach (var state in constructed.States)
                    await state.LoadAsync(_lifetime.Token);
                await constructed.Grain.OnActivateAsync(_lifetime.Token);
            }).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await FailActivationAsync(exception).ConfigureAwait(false);
            return;
        }

        DeactivationReason? requested;
        lock (_lock)
        {
            if (_state != ActivationState.Activating) return; // killed meanwhile
            _state = ActivationState.Valid;
            _lastActivity = _environment.Time.GetUtcNow();
            requested = _requestedWhileActivating;
        }

        LogActivated(GrainId);
        if (requested is { } reason) StartDeactivation(reason);
        else Advance();
    }

    private async Task FailActivationAsync(Exception exception)
    {
        List<ActivationRequest> queued;
        lock (_lock)
        {
            if (_state == ActivationState.Deactivated) return; // killed meanwhile
            _state = ActivationState.Deactivated;
            queued = _mailbox.DrainQueued();
        }

        LogActivationFailed(exception, GrainId);
        foreach (var request in queued) request.Reject(exception);
        await CompleteDeactivationAsync().ConfigureAwait(false);
    }

    /// <summary>Starts what the mailbox allows; once deactivating and idle, finishes the deactivation.</summary>
    private void Advance()
    {
        List<ActivationRequest>? startable = null;
        var finish = false;
        lock (_lock)
        {
            if (_state is ActivationState.Valid or ActivationState.Deactivating)
                startable = _mailbox.TakeStartable();
            if (_state == ActivationState.Deactivating && !_finishing && _mailbox.IsIdle)
            {
                _finishing = true;
                finish = true;
            }
        }

        if (startable is not null)
        {
            foreach (var request in startable) RunOwned(RunRequestAsync(request));
        }

        if (finish) RunOwned(FinishDeactivationAsync());
    }

    private async Task RunRequestAsync(ActivationRequest request)
    {
        try
        {
            await _scheduler.RunAsync(() => request.ExecuteAsync(_grain!)).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _mailbox.Complete(request);
                if (request.CountsAsActivity) _lastActivity = _environment.Time.GetUtcNow();
            }

            Advance();
        }
    }

    private async Task FinishDeactivationAsync()
    {
        CloseTimers();
        try
        {
            using var timeout = new CancellationTokenSource(_environment.Options.DeactivationTimeout, _environment.Time);
            if (_grain is { } grain)
                await _scheduler.RunAsync(() => grain.OnDeactivateAsync(_reason, timeout.Token)).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The activation goes away regardless; the failure is only worth a log line.
            LogDeactivationFailed(exception, GrainId, _reason.Code);
        }

        lock (_lock) _state = ActivationState.Deactivated;
        LogDeactivated(GrainId, _reason.Code);
        await CompleteDeactivationAsync().ConfigureAwait(false);
    }

    private async Task CompleteDeactivationAsync()
    {
        CloseTimers();
        _onDeactivated(this);
        try
        {
            if (_scope is { } scope) await scope.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogScopeDisposeFailed(exception, GrainId);
        }
        finally
        {
            _deactivated.TrySetResult();
        }
    }

    private void CloseTimers()
    {
        IDisposable[] timers;
        lock (_lock)
        {
            _timersClosed = true;
            timers = [.. _timers];
        }

        foreach (var timer in timers) timer.Dispose();
    }

    /// <summary>
    /// The activation owns every task it starts: each one catches its own failures (requests report to their callers,
    /// lifecycle steps log), so the only thing left to observe here is a bug, which is logged.
    /// </summary>
    private void RunOwned(Task task)
    {
        if (task.IsCompletedSuccessfully) return;
        task.ContinueWith(
            static (t, state) => ((GrainActivation)state!).LogUnexpected(t.Exception!, ((GrainActivation)state!).GrainId),
            this, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(2050, LogLevel.Debug, "Activated grain {GrainId}")]
    private partial void LogActivated(GrainId grainId);

    [LoggerMessage(2051, LogLevel.Warning, "Activation of grain {GrainId} failed")]
    private partial void LogActivationFailed(Exception exception, GrainId grainId);

    [LoggerMessage(2052, LogLevel.Debug, "Deactivated grain {GrainId} ({Reason})")]
    private partial void LogDeactivated(GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(2053, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} ({Reason}) failed")]
    private partial void LogDeactivationFailed(Exception exception, GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(2054, LogLevel.Warning, "Grain {GrainId} hit a state conflict and will deactivate")]
    private partial void LogInconsistentState(Exception exception, GrainId grainId);

    [LoggerMessage(2055, LogLevel.Warning, "Disposing the services of grain {GrainId} failed")]
    private partial void LogScopeDisposeFailed(Exception exception, GrainId grainId);

    [LoggerMessage(2056, LogLevel.Error, "Unexpected failure in the runtime loop of grain {GrainId}")]
    private partial void LogUnexpected(Exception exception, GrainId grainId);
}
