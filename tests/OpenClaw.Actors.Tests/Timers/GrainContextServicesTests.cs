using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Testing;
using OpenClaw.Actors.Tests.Support;
using OpenClaw.Actors.Tests.TestGrains;

namespace OpenClaw.Actors.Tests.Timers;

/// <summary>The grain context wires reminders (delivered as turns, activating the grain) and stream providers.</summary>
public sealed class GrainContextServicesTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private TestSilo _silo = null!;
    private Probes _probes = null!;

    public async Task InitializeAsync()
    {
        _silo = await TestSilo.StartAsync(services => services
            .AddSingleton<Probes>()
            .AddSingleton<TimeProvider>(_clock)
            .AddGrain<IReminderGrain, ReminderGrain>());
        _probes = _silo.Services.GetRequiredService<Probes>();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Reminder_DueWhileGrainIsDeactivated_ReactivatesGrainAndDelivers()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<IReminderGrain>(key);
        await grain.RegisterAsync("wake", TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)).WaitAsync(Wait.Timeout);
        await grain.DeactivateAsync().WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() =>
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            return _probes.Count($"{key}:reminder:wake") >= 1;
        }, "the reminder is delivered");

        Assert.Equal(2, _probes.Activations(key));
        await grain.UnregisterAsync("wake").WaitAsync(Wait.Timeout);
    }

    [Fact]
    public async Task Streams_GrainPublishes_ClusterClientSubscriberReceives()
    {
        var key = Wait.NewKey();
        var client = _silo.Services.GetRequiredService<IClusterClient>();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await client.GetStreamProvider("default").GetStream<string>(StreamId.Create("test", key))
            .SubscribeAsync((item, _) =>
            {
                received.TrySetResult(item);
                return Task.CompletedTask;
            });

        await client.GetGrain<IReminderGrain>(key).PublishAsync("hello").WaitAsync(Wait.Timeout);

        Assert.Equal("hello", await received.Task.WaitAsync(Wait.Timeout));
    }
}
