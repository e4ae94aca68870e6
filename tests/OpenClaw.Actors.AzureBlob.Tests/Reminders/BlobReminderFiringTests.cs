using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.AzureBlob.Reminders;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.Runtime.Reminders;
using Xunit.Abstractions;

namespace OpenClaw.Actors.AzureBlob.Tests.Reminders;

/// <summary>
/// The runtime's reminder dispatcher and service over blob tables, one table per silo as in a cluster: a tick is
/// delivered once however many silos believe they own its shard, a zombie's stale view never fires a claimed tick,
/// and the silo that gains a shard fires its due reminders at its next pass.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobReminderFiringTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int ShardCount = 4;
    private readonly string _container = AzuriteFixture.NewContainerName();
    private readonly List<IDisposable> _disposables = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables) disposable.Dispose();
        await azurite.Client.DeleteContainerAsync(_container);
    }

    private AzureBlobReminderTable NewTable(IReminderShardOwnership ownership)
    {
        var table = new AzureBlobReminderTable(azurite.Client, _container, ownership, NullLogger<AzureBlobReminderTable>.Instance);
        _disposables.Add(table);
        return table;
    }

    private static ReminderDispatcher NewDispatcher(IReminderTable table, RecordingReminderInvoker invoker, TestShardOwnership ownership)
        => new(table, invoker, ownership, TimeProvider.System, Options.Create(new ReminderOptions()), NullLogger<ReminderDispatcher>.Instance);

    private static GrainId NewGrain(int? shard = null)
    {
        while (true)
        {
            var grainId = GrainId.Create("session", Guid.NewGuid().ToString("N"));
            if (shard is null || ShardMap.ShardOf(grainId, ShardCount) == shard) return grainId;
        }
    }

    /// <summary>A reminder whose current tick is due now, the next one a minute later.</summary>
    private static ReminderEntry DueNow(GrainId grainId)
    {
        var firstTick = DateTimeOffset.UtcNow.AddSeconds(-1);
        return new ReminderEntry(grainId, "watchdog", firstTick, TimeSpan.FromMinutes(1), firstTick);
    }

    [Fact]
    public async Task TwoSilosBothOwningTheShards_FireEachDueTickOnce()
    {
        var ownershipA = new TestShardOwnership(ShardCount).GainAll();
        var ownershipB = new TestShardOwnership(ShardCount).GainAll(); // a zombie: it still believes it owns them
        var tableA = NewTable(ownershipA);
        var tableB = NewTable(ownershipB);
        var grains = Enumerable.Range(0, 12).Select(_ => NewGrain()).ToList();
        foreach (var grainId in grains) await tableA.TryUpsertAsync(DueNow(grainId), null, default);
        var invokerA = new RecordingReminderInvoker();
        var invokerB = new RecordingReminderInvoker();

        var claimed = await Task.WhenAll(
            NewDispatcher(tableA, invokerA, ownershipA).FireDueAsync(default),
            NewDispatcher(tableB, invokerB, ownershipB).FireDueAsync(default)).WaitAsync(TimeSpan.FromSeconds(10));

        var delivered = invokerA.Deliveries.Concat(invokerB.Deliveries).Select(d => d.GrainId.ToString()).Order().ToList();
        Assert.Equal(grains.Select(g => g.ToString()).Order(), delivered);
        Assert.Equal(grains.Count, claimed.Sum());
        output.WriteLine($"silo A fired {invokerA.Deliveries.Count}, silo B fired {invokerB.Deliveries.Count}");
    }

    [Fact]
    public async Task ZombieWithAStaleView_DoesNotFireATickTheNewOwnerClaimed()
    {
        var grainId = NewGrain(shard: 1);
        var zombieOwnership = new TestShardOwnership(ShardCount).Gain(1);
        var zombie = NewTable(zombieOwnership);
        await zombie.TryUpsertAsync(DueNow(grainId), null, default);
        Assert.Single(await zombie.ReadAllAsync(default)); // the zombie's cache holds the due row
        var ownerOwnership = new TestShardOwnership(ShardCount).Gain(1);
        var ownerInvoker = new RecordingReminderInvoker();
        var zombieInvoker = new RecordingReminderInvoker();

        var ownerFired = await NewDispatcher(NewTable(ownerOwnership), ownerInvoker, ownerOwnership).FireDueAsync(default);
        var zombieFired = await NewDispatcher(zombie, zombieInvoker, zombieOwnership).FireDueAsync(default);

        Assert.Equal(1, ownerFired);
        Assert.Equal(0, zombieFired);
        Assert.Empty(zombieInvoker.Deliveries);
        var row = await zombie.ReadAsync(grainId, "watchdog", default);
        Assert.True(row!.NextDueTime > DateTimeOffset.UtcNow, "the claim moved the next due time forward");
    }

    [Fact]
    public async Task Dispatcher_DoesNotFireRemindersOfShardsItDoesNotOwn()
    {
        var writerOwnership = new TestShardOwnership(ShardCount).GainAll();
        var writer = NewTable(writerOwnership);
        var owned = NewGrain(shard: 0);
        var notOwned = NewGrain(shard: 2);
        await writer.TryUpsertAsync(DueNow(owned), null, default);
        await writer.TryUpsertAsync(DueNow(notOwned), null, default);
        var ownership = new TestShardOwnership(ShardCount).Gain(0);
        var invoker = new RecordingReminderInvoker();

        await NewDispatcher(NewTable(ownership), invoker, ownership).FireDueAsync(default);

        Assert.Equal([owned], invoker.Deliveries.Select(d => d.GrainId));
        Assert.True((await writer.ReadAsync(notOwned, "watchdog", default))!.NextDueTime < DateTimeOffset.UtcNow, "the other shard's tick is still unclaimed");
    }

    [Fact]
    public async Task ReminderService_NewShardOwner_FiresTheShardsDueReminderWithinTwoPasses()
    {
        // The old owner registered a watchdog and died; the new owner's service is already running when the
        // transport tells it that it owns the shard now.
        var grainId = NewGrain(shard: 3);
        var oldOwner = NewTable(new TestShardOwnership(ShardCount).GainAll());
        await oldOwner.TryUpsertAsync(DueNow(grainId), null, default);
        var ownership = new TestShardOwnership(ShardCount).Gain(0);
        var invoker = new RecordingReminderInvoker();
        var table = NewTable(ownership);
        await using var service = new ReminderService(table, invoker, ownership, TimeProvider.System,
            Options.Create(new ReminderOptions()), NullLogger<ReminderService>.Instance);
        await service.StartAsync(default);
        Assert.Equal(0, await NewDispatcher(table, invoker, ownership).FireDueAsync(default));

        var gained = Stopwatch.StartNew();
        ownership.Gain(3);
        await invoker.WaitForAsync(grainId, TimeSpan.FromSeconds(10));
        var elapsed = gained.Elapsed;

        output.WriteLine($"fired {elapsed.TotalMilliseconds:0} ms after the shard was gained");
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"fired {elapsed} after the shard was gained; expected within two 1 s passes");
        Assert.Single(invoker.Deliveries);
    }
}
