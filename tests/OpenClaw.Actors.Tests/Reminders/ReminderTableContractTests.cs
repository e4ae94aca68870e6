using OpenClaw.Actors.Runtime.Reminders;

namespace OpenClaw.Actors.Tests.Reminders;

/// <summary>
/// The reminder table contract: rows change only under their ETag, which is what lets several reminder services
/// share a table and still fire each tick once. Run against each table by a derived class.
/// </summary>
public abstract class ReminderTableContractTests
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract IReminderTable Table { get; }

    protected static ReminderEntry NewEntry(string name = "tick", GrainId? grainId = null)
        => new(grainId ?? GrainId.Create("timer", Guid.NewGuid().ToString("N")), name, Start, TimeSpan.FromMinutes(1), Start);

    [Fact]
    public async Task TryUpsert_NewRowWithNullEtag_InsertsAndReturnsItsEtag()
    {
        var entry = NewEntry();

        var etag = await Table.TryUpsertAsync(entry, null, CancellationToken.None);

        var read = await Table.ReadAsync(entry.GrainId, entry.ReminderName, CancellationToken.None);
        Assert.NotNull(etag);
        Assert.Equal(entry with { ETag = etag }, read);
    }

    [Fact]
    public async Task TryUpsert_ExistingRowWithNullEtag_IsRefused()
    {
        var entry = NewEntry();
        await Table.TryUpsertAsync(entry, null, CancellationToken.None);

        Assert.Null(await Table.TryUpsertAsync(entry with { Period = TimeSpan.FromHours(1) }, null, CancellationToken.None));
        Assert.Equal(TimeSpan.FromMinutes(1), (await Table.ReadAsync(entry.GrainId, entry.ReminderName, CancellationToken.None))!.Period);
    }

    [Fact]
    public async Task TryUpsert_WithStaleEtag_IsRefusedAndWithCurrentEtagSucceeds()
    {
        var entry = NewEntry();
        var first = await Table.TryUpsertAsync(entry, null, CancellationToken.None);
        var second = await Table.TryUpsertAsync(entry with { NextDueTime = Start.AddMinutes(1) }, first, CancellationToken.None);

        var stale = await Table.TryUpsertAsync(entry with { NextDueTime = Start.AddMinutes(2) }, first, CancellationToken.None);

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Null(stale);
        Assert.Equal(Start.AddMinutes(1), (await Table.ReadAsync(entry.GrainId, entry.ReminderName, CancellationToken.None))!.NextDueTime);
    }

    [Fact]
    public async Task TryUpsertMany_MixedConditions_AppliesEachRowUnderItsOwnEtag()
    {
        var kept = NewEntry("kept");
        var moved = NewEntry("moved");
        var keptEtag = await Table.TryUpsertAsync(kept, null, CancellationToken.None);
        var movedEtag = await Table.TryUpsertAsync(moved, null, CancellationToken.None);
        var added = NewEntry("added");

        var etags = await Table.TryUpsertManyAsync(
        [
            new ConditionalUpsert(moved with { NextDueTime = Start.AddMinutes(1) }, movedEtag),
            new ConditionalUpsert(kept with { NextDueTime = Start.AddMinutes(1) }, "stale"),
            new ConditionalUpsert(added, null),
        ], CancellationToken.None);

        Assert.NotNull(etags[0]);
        Assert.Null(etags[1]);
        Assert.NotNull(etags[2]);
        Assert.NotEqual(etags[0], etags[2]);
        Assert.Equal(Start.AddMinutes(1), (await Table.ReadAsync(moved.GrainId, moved.ReminderName, CancellationToken.None))!.NextDueTime);
        Assert.Equal(kept with { ETag = keptEtag }, await Table.ReadAsync(kept.GrainId, kept.ReminderName, CancellationToken.None));
        Assert.Equal(added with { ETag = etags[2] }, await Table.ReadAsync(added.GrainId, added.ReminderName, CancellationToken.None));
    }

    [Fact]
    public async Task TryDelete_WithStaleEtagFails_WithCurrentEtagRemovesTheRow()
    {
        var entry = NewEntry();
        var first = await Table.TryUpsertAsync(entry, null, CancellationToken.None);
        var second = await Table.TryUpsertAsync(entry, first, CancellationToken.None);

        Assert.False(await Table.TryDeleteAsync(entry.GrainId, entry.ReminderName, first!, CancellationToken.None));
        Assert.True(await Table.TryDeleteAsync(entry.GrainId, entry.ReminderName, second!, CancellationToken.None));
        Assert.Null(await Table.ReadAsync(entry.GrainId, entry.ReminderName, CancellationToken.None));
    }

    [Fact]
    public async Task Etags_AfterDeleteAndRecreate_AreNeverReused()
    {
        var entry = NewEntry();
        var first = await Table.TryUpsertAsync(entry, null, CancellationToken.None);
        await Table.TryDeleteAsync(entry.GrainId, entry.ReminderName, first!, CancellationToken.None);

        var recreated = await Table.TryUpsertAsync(entry, null, CancellationToken.None);

        Assert.NotEqual(first, recreated);
        Assert.False(await Table.TryDeleteAsync(entry.GrainId, entry.ReminderName, first!, CancellationToken.None));
    }

    [Fact]
    public async Task ReadByGrain_ReturnsOnlyThatGrainsRows()
    {
        var grain = GrainId.Create("timer", Guid.NewGuid().ToString("N"));
        await Table.TryUpsertAsync(NewEntry("a", grain), null, CancellationToken.None);
        await Table.TryUpsertAsync(NewEntry("b", grain), null, CancellationToken.None);
        await Table.TryUpsertAsync(NewEntry("a"), null, CancellationToken.None);

        var rows = await Table.ReadAsync(grain, CancellationToken.None);

        Assert.Equal(["a", "b"], rows.Select(row => row.ReminderName).Order());
        Assert.Equal(3, (await Table.ReadAllAsync(CancellationToken.None)).Count);
    }
}

/// <summary>The reminder table contract, kept by the in-memory table.</summary>
public sealed class MemoryReminderTableTests : ReminderTableContractTests
{
    protected override IReminderTable Table { get; } = new MemoryReminderTable();
}
