using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Runtime;
using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Actors.Testing;
using OpenClaw.Actors.Tests.Storage;

namespace OpenClaw.Actors.Tests.Reminders;

/// <summary>
/// The reminder service as a silo runs it, on a manual clock: grains register durable reminders that fire on
/// schedule, stop when unregistered, survive a restart of the process, fire once even with two services over one
/// table, and fire only where the grain is owned.
/// </summary>
public sealed class ReminderServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Quantum = TimeSpan.FromSeconds(1);
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingReminderInvoker _invoker = new();
    private readonly TestGrainOwnership _ownership = new();
    private readonly TempDirectory _directory = new();
    private readonly List<ReminderService> _services = [];
    private readonly List<FileReminderTable> _tables = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var service in _services) await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            foreach (var table in _tables) table.Dispose();
            _directory.Dispose();
        }
    }

    private static GrainId NewGrainId() => GrainId.Create("timer", Guid.NewGuid().ToString("N"));

    private ReminderService NewService(IReminderTable? table = null, ILocalGrainOwnership? ownership = null)
    {
        if (table is null)
        {
            var fileTable = new FileReminderTable(_directory.Path);
            _tables.Add(fileTable);
            table = fileTable;
        }

        var service = new ReminderService(table, _invoker, ownership ?? _ownership, _time,
            Options.Create(new ReminderOptions { TickQuantum = Quantum }), NullLogger<ReminderService>.Instance);
        _services.Add(service);
        return service;
    }

    private async Task<ReminderService> StartedServiceAsync(IReminderTable? table = null, ILocalGrainOwnership? ownership = null)
    {
        var service = NewService(table, ownership);
        await service.StartAsync(CancellationToken.None);
        return service;
    }

    [Fact]
    public async Task Reminder_WhenDue_IsDeliveredToTheGrain()
    {
        var service = await StartedServiceAsync();
        var grain = NewGrainId();
        await service.GetRegistry(grain).RegisterOrUpdateReminder("wake", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

        _time.Advance(TimeSpan.FromSeconds(30));
        await _invoker.WaitForCallsAsync(grain, 1);

        var call = Assert.Single(_invoker.CallsFor(grain));
        Assert.Equal("wake", call.ReminderName);
        Assert.Equal(ManualTimeProvider.DefaultStart.AddSeconds(30), call.Status.CurrentTickTime);
    }

    [Fact]
    public async Task Reminder_WithAPeriod_IsDeliveredOncePerPeriod()
    {
        var service = await StartedServiceAsync();
        var grain = NewGrainId();
        await service.GetRegistry(grain).RegisterOrUpdateReminder("beat", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

        for (var tick = 1; tick <= 3; tick++)
        {
            _time.Advance(tick == 1 ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(10));
            await _invoker.WaitForCallsAsync(grain, tick);
        }

        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(
            [0, 10, 20],
            _invoker.CallsFor(grain).Select(call => (int)(call.Status.CurrentTickTime - call.Status.FirstTickTime).TotalSeconds));
    }

    [Fact]
    public async Task Unregister_StopsFurtherDeliveries()
    {
        var service = await StartedServiceAsync();
        var grain = NewGrainId();
        var sentinel = NewGrainId();
        var registry = service.GetRegistry(grain);
        var reminder = await registry.RegisterOrUpdateReminder("beat", TimeSpan.Zero, TimeSpan.FromSeconds(10));
        await service.GetRegistry(sentinel).RegisterOrUpdateReminder("beat", TimeSpan.Zero, TimeSpan.FromSeconds(10));
        _time.Advance(Quantum);
        await _invoker.WaitForCallsAsync(grain, 1);

        await registry.UnregisterReminder(reminder);
        _time.Advance(TimeSpan.FromSeconds(10));
        await _invoker.WaitForCallsAsync(sentinel, 2);
        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(_invoker.CallsFor(grain));
        Assert.Null(await registry.GetReminder("beat"));
    }

    [Fact]
    public async Task Reminder_RegisteredBeforeARestart_FiresFromTheNewProcess()
    {
        var before = await StartedServiceAsync();
        var grain = NewGrainId();
        await before.GetRegistry(grain).RegisterOrUpdateReminder("durable", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await before.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var after = await StartedServiceAsync(); // a new table and service over the same directory
        _time.Advance(TimeSpan.FromMinutes(1));
        await _invoker.WaitForCallsAsync(grain, 1);

        Assert.Equal("durable", Assert.Single(await after.GetRegistry(grain).GetReminders()).ReminderName);
    }

    [Fact]
    public async Task TwoServicesOverOneTable_DeliverEveryTickExactlyOnce()
    {
        var first = await StartedServiceAsync();
        var second = await StartedServiceAsync();
        var grains = Enumerable.Range(0, 5).Select(_ => NewGrainId()).ToList();
        foreach (var grain in grains)
            await first.GetRegistry(grain).RegisterOrUpdateReminder("beat", TimeSpan.Zero, TimeSpan.FromSeconds(2));

        const int ticks = 4;
        for (var tick = 1; tick <= ticks; tick++)
        {
            _time.Advance(tick == 1 ? Quantum : TimeSpan.FromSeconds(2));
            foreach (var grain in grains) await _invoker.WaitForCallsAsync(grain, tick);
        }

        await Task.WhenAll(first.StopAsync(CancellationToken.None), second.StopAsync(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var grain in grains)
            Assert.Equal(ticks, _invoker.CallsFor(grain).Select(call => call.Status.CurrentTickTime).Distinct().Count());
        Assert.Equal(grains.Count * ticks, _invoker.Calls.Count);
    }

    [Fact]
    public async Task Reminder_OfAGrainOwnedElsewhere_FiresOnlyOnTheOwner()
    {
        var grain = NewGrainId();
        var sentinel = NewGrainId();
        var elsewhere = new TestGrainOwnership();
        elsewhere.NotOwned[grain] = true;
        var table = new MemoryReminderTable();
        var service = await StartedServiceAsync(table, elsewhere);
        await service.GetRegistry(grain).RegisterOrUpdateReminder("beat", TimeSpan.Zero, TimeSpan.FromSeconds(10));
        await service.GetRegistry(sentinel).RegisterOrUpdateReminder("beat", TimeSpan.Zero, TimeSpan.FromSeconds(10));

        _time.Advance(Quantum);
        await _invoker.WaitForCallsAsync(sentinel, 1);
        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(_invoker.CallsFor(grain));

        await StartedServiceAsync(table); // the owner
        _time.Advance(Quantum);
        await _invoker.WaitForCallsAsync(grain, 1);
    }

    [Fact]
    public async Task RegisterOrUpdate_SameName_ReplacesTheSchedule()
    {
        var service = NewService();
        var registry = service.GetRegistry(NewGrainId());

        await registry.RegisterOrUpdateReminder("r", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await registry.RegisterOrUpdateReminder("r", TimeSpan.FromHours(1), TimeSpan.FromHours(2));
        await registry.RegisterOrUpdateReminder("other", TimeSpan.Zero, TimeSpan.FromSeconds(1));

        var reminder = Assert.IsType<GrainReminder>(await registry.GetReminder("r"));
        Assert.Equal(TimeSpan.FromHours(2), reminder.Period);
        Assert.Equal(ManualTimeProvider.DefaultStart.AddHours(1), reminder.FirstTickTime);
        Assert.Equal(["other", "r"], (await registry.GetReminders()).Select(r => r.ReminderName).Order());
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(0, 0)]
    [InlineData(-1, 60)]
    public async Task RegisterOrUpdate_InvalidDueTimeOrPeriodUnderOneSecond_ThrowsArgumentException(double dueSeconds, double periodSeconds)
    {
        var registry = NewService().GetRegistry(NewGrainId());

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            registry.RegisterOrUpdateReminder("r", TimeSpan.FromSeconds(dueSeconds), TimeSpan.FromSeconds(periodSeconds)));
        Assert.Empty(await registry.GetReminders());
    }

    [Fact]
    public async Task Pass_WhenTheTableIsCorrupt_IsLoggedAndTheLoopKeepsGoing()
    {
        var service = await StartedServiceAsync();
        var grain = NewGrainId();
        await service.GetRegistry(grain).RegisterOrUpdateReminder("beat", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        var path = Path.Combine(_directory.Path, FileReminderTable.FileName);
        var good = await File.ReadAllBytesAsync(path);
        await File.WriteAllTextAsync(path, "{ damaged");

        _time.Advance(TimeSpan.FromSeconds(5)); // this pass fails on the damaged file
        await File.WriteAllBytesAsync(path, good);
        _time.Advance(Quantum);
        await _invoker.WaitForCallsAsync(grain, 1);
    }
}
