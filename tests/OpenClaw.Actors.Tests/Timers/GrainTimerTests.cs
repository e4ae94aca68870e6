using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Testing;
using OpenClaw.Actors.Tests.Support;
using OpenClaw.Actors.Tests.TestGrains;

namespace OpenClaw.Actors.Tests.Timers;

/// <summary>Grain timers: ticks are turns of the activation, never overlap, and stop on dispose and deactivation.</summary>
public sealed class GrainTimerTests : IAsyncLifetime
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider _clock = new();
    private TestSilo _silo = null!;
    private Probes _probes = null!;

    public async Task InitializeAsync()
    {
        _silo = await TestSilo.StartAsync(services => services
            .AddSingleton<Probes>()
            .AddSingleton<TimeProvider>(_clock)
            .AddGrain<ITimerGrain, TimerGrain>());
        _probes = _silo.Services.GetRequiredService<Probes>();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Timer_Period_TicksOncePerPeriod()
    {
        var key = Wait.NewKey();
        await _silo.Grains.GetGrain<ITimerGrain>(key).StartTimerAsync(Period, Period).WaitAsync(Wait.Timeout);

        for (var tick = 1; tick <= 3; tick++)
        {
            _clock.Advance(Period);
            await UntilTicks(key, tick);
        }

        Assert.Equal(3, _probes.Count($"{key}:ticks"));
    }

    [Fact]
    public async Task Timer_TickDueWhileCallRuns_WaitsForTheCallToFinish()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<ITimerGrain>(key);
        await grain.StartTimerAsync(Period, Period).WaitAsync(Wait.Timeout);
        var held = grain.HoldAsync("a");
        await Wait.UntilAsync(() => _probes.Count($"{key}:entered:a") == 1, "the call runs");

        _clock.Advance(Period); // the tick is queued now, behind the held call

        _probes.Open($"{key}:a");
        await held.WaitAsync(Wait.Timeout);
        await UntilTicks(key, 1);
        await Wait.UntilAsync(() => _probes.Entries(key).Contains("tick-end:1"), "the tick ends");

        Assert.Equal(["enter:a", "exit:a", "tick-start:1", "tick-end:1"], _probes.Entries(key));
    }

    [Fact]
    public async Task Timer_InterleaveOption_TicksWhileCallAwaits()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<ITimerGrain>(key);
        await grain.StartTimerAsync(Period, Period, interleave: true).WaitAsync(Wait.Timeout);
        var held = grain.HoldAsync("a");
        await Wait.UntilAsync(() => _probes.Count($"{key}:entered:a") == 1, "the call runs");

        _clock.Advance(Period);
        await UntilTicks(key, 1);

        _probes.Open($"{key}:a");
        await held.WaitAsync(Wait.Timeout);
        Assert.Equal(["enter:a", "tick-start:1", "tick-end:1", "exit:a"], _probes.Entries(key));
    }

    [Fact]
    public async Task Timer_SlowTick_NextTickWaitsUntilItFinishes()
    {
        var key = Wait.NewKey();
        await _silo.Grains.GetGrain<ITimerGrain>(key).StartTimerAsync(Period, Period, holdFirstTick: true).WaitAsync(Wait.Timeout);
        _clock.Advance(Period);
        await UntilTicks(key, 1);

        for (var i = 0; i < 5; i++) _clock.Advance(Period); // due ticks while the first one still runs

        _probes.Open($"{key}:tick1");
        await Wait.UntilAsync(() => _probes.Entries(key).Contains("tick-end:1"), "the first tick ends");
        _clock.Advance(Period);
        await UntilTicks(key, 2);
        await Wait.UntilAsync(() => _probes.Entries(key).Contains("tick-end:2"), "the second tick ends");

        Assert.Equal(["tick-start:1", "tick-end:1", "tick-start:2", "tick-end:2"], _probes.Entries(key));
    }

    [Fact]
    public async Task Timer_Disposed_StopsTicking()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<ITimerGrain>(key);
        await grain.StartTimerAsync(Period, Period).WaitAsync(Wait.Timeout);
        _clock.Advance(Period);
        await UntilTicks(key, 1);

        await grain.StopTimerAsync().WaitAsync(Wait.Timeout);
        for (var i = 0; i < 3; i++) _clock.Advance(Period);
        await grain.PingAsync().WaitAsync(Wait.Timeout);

        Assert.Equal(1, _probes.Count($"{key}:ticks"));
    }

    [Fact]
    public async Task Timer_GrainDeactivates_StopsTicking()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<ITimerGrain>(key);
        await grain.StartTimerAsync(Period, Period).WaitAsync(Wait.Timeout);
        _clock.Advance(Period);
        await UntilTicks(key, 1);

        await grain.DeactivateAsync().WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => _probes.Deactivations(key).Count == 1, "the grain deactivates");
        for (var i = 0; i < 3; i++) _clock.Advance(Period);

        Assert.Equal(1, _probes.Count($"{key}:ticks"));
        Assert.Equal(1, _probes.Activations(key)); // a tick never reactivates the grain
    }

    private Task UntilTicks(string key, int ticks) =>
        Wait.UntilAsync(() => _probes.Count($"{key}:ticks") >= ticks, $"{ticks} ticks");
}
