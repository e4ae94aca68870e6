using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.AzureBlob.Reminders;
using OpenClaw.Actors.AzureBlob.Tests.Reminders;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.Runtime;
using OpenClaw.Actors.Runtime.Reminders;

namespace OpenClaw.Actors.AzureBlob.Tests.Activation;

public interface IWatchdogGrain : IGrainWithStringKey
{
    /// <summary>Registers a 1 s reminder (a chat run's watchdog) and returns the grain id.</summary>
    Task<string> StartAsync();
}

/// <summary>Which silo delivered which reminder tick.</summary>
public sealed class TickLog(string silo)
{
    public string Silo { get; } = silo;

    public ConcurrentQueue<string> Grains { get; } = new();
}

public sealed class WatchdogGrain(TickLog ticks) : Grain, IWatchdogGrain, IRemindable
{
    public async Task<string> StartAsync()
    {
        await RegisterOrUpdateReminder("watchdog", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return GrainId.ToString();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ticks.Grains.Enqueue(GrainId.ToString());
        return Task.CompletedTask;
    }
}

/// <summary>
/// The chat watchdog's failover path on the real runtime with blob reminders: a grain registers a reminder on the silo
/// that owns its shard; the shard moves to another silo (as when the first is killed); the new owner's reminder
/// service fires it there, activating the grain, and the old silo fires it no more.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReminderFailoverTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int ShardCount = 4;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly string _container = AzuriteFixture.NewContainerName();
    private readonly List<ServiceProvider> _silos = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            foreach (var hosted in silo.GetServices<IHostedService>().Reverse()) await hosted.StopAsync(CancellationToken.None).WaitAsync(Bound);
            await silo.DisposeAsync();
        }

        await azurite.Client.DeleteContainerAsync(_container);
    }

    private async Task<(IGrainFactory Grains, TickLog Ticks)> StartSiloAsync(string name, TestShardOwnership ownership)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILocalGrainOwnership>(ownership);
        services.AddEmbeddedSilo(silo => silo.SiloName = name);
        services.Replace(ServiceDescriptor.Singleton<IReminderTable>(
            new AzureBlobReminderTable(azurite.Client, _container, ownership, NullLogger<AzureBlobReminderTable>.Instance)));
        services.AddSingleton(new TickLog(name));
        services.AddGrain<IWatchdogGrain, WatchdogGrain>();
        var provider = services.BuildServiceProvider();
        _silos.Add(provider);
        foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None).WaitAsync(Bound);
        return (provider.GetRequiredService<IGrainFactory>(), provider.GetRequiredService<TickLog>());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > Bound) throw new TimeoutException($"Not {what} within {Bound}.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task ShardMovesToAnotherSilo_TheNewOwnerFiresTheReminder_AndTheOldOneStops()
    {
        var ownershipA = new TestShardOwnership(ShardCount).GainAll();
        var ownershipB = new TestShardOwnership(ShardCount);
        var siloA = await StartSiloAsync("a", ownershipA);
        var siloB = await StartSiloAsync("b", ownershipB);
        var grainId = await siloA.Grains.GetGrain<IWatchdogGrain>(Guid.NewGuid().ToString("N")).StartAsync().WaitAsync(Bound);
        var shard = ShardMap.ShardOf(GrainId.Parse(grainId), ShardCount);
        await WaitUntilAsync(() => siloA.Ticks.Grains.Contains(grainId), "fired on silo A");

        // Silo A is gone as far as the transport knows; silo B now receives the shard.
        ownershipA.Lose(shard);
        var firedOnA = siloA.Ticks.Grains.Count;
        var moved = Stopwatch.StartNew();
        ownershipB.Gain(shard);
        await WaitUntilAsync(() => siloB.Ticks.Grains.Contains(grainId), "fired on silo B after the shard moved");
        var firstOnB = moved.Elapsed;
        await WaitUntilAsync(() => siloB.Ticks.Grains.Count >= 3, "firing on silo B every second");

        Assert.True(firstOnB < TimeSpan.FromSeconds(3), $"silo B fired {firstOnB} after gaining the shard");
        Assert.InRange(siloA.Ticks.Grains.Count, firedOnA, firedOnA + 1); // at most a tick A had claimed before losing it
    }
}
