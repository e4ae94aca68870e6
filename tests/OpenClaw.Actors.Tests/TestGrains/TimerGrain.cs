namespace OpenClaw.Actors.Tests.TestGrains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTimerAsync(TimeSpan dueTime, TimeSpan period, bool interleave = false, bool keepAlive = false, bool holdFirstTick = false);
    Task StopTimerAsync();
    Task HoldAsync(string id);
    Task DelayDeactivationAsync(TimeSpan timeSpan);
    Task DeactivateAsync();
    Task PingAsync();
}

/// <summary>Counts ticks in <see cref="Probes"/> under <c>{key}:ticks</c>; a held call or first tick waits on a gate.</summary>
public class TimerGrain(Probes probes) : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private bool _holdFirstTick;
    private int _inside;

    private string Key => GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probes.OnActivated(Key);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probes.OnDeactivated(Key, reason.Code);
        return Task.CompletedTask;
    }

    public Task StartTimerAsync(TimeSpan dueTime, TimeSpan period, bool interleave, bool keepAlive, bool holdFirstTick)
    {
        _holdFirstTick = holdFirstTick;
        _timer = RegisterGrainTimer(static (self, ct) => self.TickAsync(ct), this,
            new GrainTimerCreationOptions(dueTime, period) { Interleave = interleave, KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task StopTimerAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task HoldAsync(string id)
    {
        Enter();
        probes.Increment($"{Key}:entered:{id}");
        probes.Log(Key, $"enter:{id}");
        Exit();
        await probes.Gate($"{Key}:{id}");
        probes.Log(Key, $"exit:{id}");
    }

    public Task DelayDeactivationAsync(TimeSpan timeSpan)
    {
        DelayDeactivation(timeSpan);
        return Task.CompletedTask;
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task PingAsync() => Task.CompletedTask;

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        Enter();
        probes.Increment($"{Key}:ticks");
        var tick = probes.Count($"{Key}:ticks");
        probes.Log(Key, $"tick-start:{tick}");
        Exit();
        if (_holdFirstTick && tick == 1)
            await probes.Gate($"{Key}:tick1").WaitAsync(cancellationToken);
        probes.Log(Key, $"tick-end:{tick}");
    }

    private void Enter()
    {
        if (Interlocked.Increment(ref _inside) != 1) probes.Increment($"{Key}:concurrent");
    }

    private void Exit() => Interlocked.Decrement(ref _inside);
}

[KeepAlive]
public sealed class KeepAliveTimerGrain(Probes probes) : TimerGrain(probes), IKeepAliveGrain;

public interface IKeepAliveGrain : ITimerGrain;
