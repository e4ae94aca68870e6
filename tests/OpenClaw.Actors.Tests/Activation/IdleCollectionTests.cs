using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Runtime.Collection;
using OpenClaw.Actors.Testing;
using OpenClaw.Actors.Tests.Support;
using OpenClaw.Actors.Tests.TestGrains;

namespace OpenClaw.Actors.Tests.Activation;

/// <summary>Idle activations are collected after CollectionAge, except [KeepAlive] grains, DelayDeactivation windows and keep-alive timers.</summary>
public sealed class IdleCollectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Age = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Quantum = TimeSpan.FromMinutes(1);
    private readonly ManualTimeProvider _clock = new();
    private TestSilo _silo = null!;
    private Probes _probes = null!;

    public async Task InitializeAsync()
    {
        _silo = await TestSilo.StartAsync(services => services
            .AddSingleton<Probes>()
            .AddSingleton<TimeProvider>(_clock)
            .Configure<GrainCollectionOptions>(o => (o.CollectionAge, o.CollectionQuantum) = (Age, Quantum))
            .AddGrain<ITimerGrain, TimerGrain>()
            .AddGrain<IKeepAliveGrain, KeepAliveTimerGrain>());
        _probes = _silo.Services.GetRequiredService<Probes>();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Collector_IdleLongerThanAge_DeactivatesWithActivationIdle()
    {
        var key = Wait.NewKey();
        await _silo.Grains.GetGrain<ITimerGrain>(key).PingAsync().WaitAsync(Wait.Timeout);

        _clock.Advance(Age + Quantum);

        await Wait.UntilAsync(() => _probes.Deactivations(key).Count == 1, "the idle grain is collected");
        Assert.Equal([DeactivationReasonCode.ActivationIdle], _probes.Deactivations(key));
    }

    [Fact]
    public async Task Collector_CallsWithinAge_KeepsActivation()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<ITimerGrain>(key);
        for (var i = 0; i < 5; i++)
        {
            await grain.PingAsync().WaitAsync(Wait.Timeout);
            _clock.Advance(Quantum);
        }

        await grain.PingAsync().WaitAsync(Wait.Timeout);
        Assert.Equal(1, _probes.Activations(key));
        Assert.Empty(_probes.Deactivations(key));
    }

    [Fact]
    public async Task Collector_KeepAliveGrain_IsNeverCollected()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<IKeepAliveGrain>(key);
        await grain.PingAsync().WaitAsync(Wait.Timeout);

        _clock.Advance(TimeSpan.FromHours(1));

        await grain.PingAsync().WaitAsync(Wait.Timeout);
        Assert.Equal(1, _probes.Activations(key));
    }

    [Fact]
    public async Task Collector_DelayDeactivation_CollectsOnlyAfterTheWindow()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<ITimerGrain>(key);
        await grain.DelayDeactivationAsync(TimeSpan.FromMinutes(10)).WaitAsync(Wait.Timeout);

        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, _silo.Services.GetRequiredService<ActivationCollector>().Collect());

        _clock.Advance(TimeSpan.FromMinutes(2));
        await Wait.UntilAsync(() => _probes.Deactivations(key).Count == 1, "the grain is collected after the window");
    }

    [Fact]
    public async Task Collector_KeepAliveTimerTicks_CountAsActivity()
    {
        var keepAlive = Wait.NewKey();
        var plain = Wait.NewKey();
        var period = TimeSpan.FromSeconds(30);
        await _silo.Grains.GetGrain<ITimerGrain>(keepAlive).StartTimerAsync(period, period, keepAlive: true).WaitAsync(Wait.Timeout);
        await _silo.Grains.GetGrain<ITimerGrain>(plain).StartTimerAsync(period, period).WaitAsync(Wait.Timeout);

        for (var tick = 1; tick <= 10; tick++)
        {
            _clock.Advance(period);
            await Wait.UntilAsync(() => _probes.Count($"{keepAlive}:ticks") >= tick, $"keep-alive tick {tick}");
        }

        await Wait.UntilAsync(() => _probes.Deactivations(plain).Count == 1, "the grain whose ticks do not count is collected");
        Assert.Empty(_probes.Deactivations(keepAlive));
    }

    [Fact]
    public void Options_AgeNotAboveQuantum_FailValidationNamingTheOption()
    {
        var result = new GrainCollectionOptionsValidator().Validate(null, new GrainCollectionOptions
        {
            CollectionAge = TimeSpan.FromMinutes(1),
            CollectionQuantum = TimeSpan.FromMinutes(1),
        });

        Assert.True(result.Failed);
        Assert.Contains("CollectionAge is set to 00:01:00", result.FailureMessage);
        Assert.True(new GrainCollectionOptionsValidator().Validate(null, new GrainCollectionOptions { CollectionQuantum = TimeSpan.Zero }).Failed);
    }
}
