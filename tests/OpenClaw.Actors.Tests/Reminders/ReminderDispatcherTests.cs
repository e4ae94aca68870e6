using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Actors.Testing;

namespace OpenClaw.Actors.Tests.Reminders;

/// <summary>
/// One pass of the reminder service, driven by hand: due reminders of owned grains are delivered once per tick
/// (claimed in the table before delivery), a late pass catches up with one delivery rather than a burst, and one
/// grain's failure does not stop the others.
/// </summary>
public sealed class ReminderDispatcherTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly MemoryReminderTable _table = new();
    private readonly RecordingReminderInvoker _invoker = new();
    private readonly TestGrainOwnership _ownership = new();

    private ReminderDispatcher NewDispatcher() => new(_table, _invoker, _ownership, _time,
        Options.Create(new ReminderOptions()), NullLogger<ReminderDispatcher>.Instance);

    private async Task<ReminderEntry> AddAsync(TimeSpan dueTime, TimeSpan period, GrainId? grainId = null)
    {
        var first = _time.GetUtcNow() + dueTime;
        var entry = new ReminderEntry(grainId ?? GrainId.Create("timer", Guid.NewGuid().ToString("N")), "tick", first, period, first);
        await _table.TryUpsertAsync(entry, null, CancellationToken.None);
        return entry;
    }

    [Fact]
    public async Task FireDue_BeforeTheDueTime_DeliversNothing()
    {
        await AddAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromSeconds(9));

        Assert.Equal(0, await NewDispatcher().FireDueAsync(CancellationToken.None));
        Assert.Empty(_invoker.Calls);
    }

    [Fact]
    public async Task FireDue_AtTheDueTime_DeliversOnceWithTheTickTimes()
    {
        var entry = await AddAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromSeconds(10));
        var dispatcher = NewDispatcher();

        await dispatcher.FireDueAsync(CancellationToken.None);
        await dispatcher.FireDueAsync(CancellationToken.None);

        var call = Assert.Single(_invoker.Calls);
        Assert.Equal(new TickStatus(entry.FirstTickTime, entry.Period, entry.FirstTickTime), call.Status);
        Assert.Equal(entry.FirstTickTime + entry.Period, (await _table.ReadAsync(entry.GrainId, "tick", CancellationToken.None))!.NextDueTime);
    }

    [Fact]
    public async Task FireDue_AfterManyMissedTicks_DeliversOnceForTheLatestTickAndSchedulesTheNextFutureOne()
    {
        var entry = await AddAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromSeconds(10) + TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(30));

        await NewDispatcher().FireDueAsync(CancellationToken.None);

        var call = Assert.Single(_invoker.Calls);
        Assert.Equal(entry.FirstTickTime + TimeSpan.FromMinutes(9), call.Status.CurrentTickTime);
        Assert.Equal(entry.FirstTickTime + TimeSpan.FromMinutes(10), (await _table.ReadAsync(entry.GrainId, "tick", CancellationToken.None))!.NextDueTime);
    }

    [Fact]
    public async Task FireDue_GrainNotOwnedHere_IsLeftForItsOwner()
    {
        var owned = await AddAsync(TimeSpan.Zero, TimeSpan.FromMinutes(1));
        var foreign = await AddAsync(TimeSpan.Zero, TimeSpan.FromMinutes(1));
        _ownership.NotOwned[foreign.GrainId] = true;

        await NewDispatcher().FireDueAsync(CancellationToken.None);

        Assert.Equal(owned.GrainId, Assert.Single(_invoker.Calls).GrainId);
        Assert.Equal(foreign.NextDueTime, (await _table.ReadAsync(foreign.GrainId, "tick", CancellationToken.None))!.NextDueTime);
    }

    [Fact]
    public async Task FireDue_TwoDispatchersOverOneTableAtOnce_DeliverEachTickOnce()
    {
        var entries = new List<ReminderEntry>();
        for (var i = 0; i < 20; i++) entries.Add(await AddAsync(TimeSpan.Zero, TimeSpan.FromMinutes(1)));

        var claimed = await Task.WhenAll(
            Task.Run(() => NewDispatcher().FireDueAsync(CancellationToken.None)),
            Task.Run(() => NewDispatcher().FireDueAsync(CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(20, claimed.Sum());
        Assert.Equal(20, _invoker.Calls.Count);
        Assert.Equal(entries.Select(e => e.GrainId.ToString()).Order(), _invoker.Calls.Select(c => c.GrainId.ToString()).Order());
    }

    [Fact]
    public async Task FireDue_OneGrainFails_OthersAreStillDeliveredAndItsNextTickStaysScheduled()
    {
        var failing = await AddAsync(TimeSpan.Zero, TimeSpan.FromMinutes(1));
        var healthy = await AddAsync(TimeSpan.Zero, TimeSpan.FromMinutes(1));
        _invoker.Failing[failing.GrainId] = true;
        var dispatcher = NewDispatcher();

        await dispatcher.FireDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.FireDueAsync(CancellationToken.None);

        Assert.Equal(2, _invoker.CallsFor(failing.GrainId).Count);
        Assert.Equal(2, _invoker.CallsFor(healthy.GrainId).Count);
    }
}
