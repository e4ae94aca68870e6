using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Actors.Tests.Storage;

namespace OpenClaw.Actors.Tests.Reminders;

/// <summary>
/// The file table keeps its rows in memory between accesses. What must still hold: an instance sees every change
/// another instance over the same directory made (the lock-file token), and a hand edit is noticed too.
/// </summary>
public sealed class FileReminderTableCacheTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static ReminderEntry NewEntry(string name = "tick")
        => new(GrainId.Create("timer", Guid.NewGuid().ToString("N")), name, Start, TimeSpan.FromMinutes(1), Start);

    [Fact]
    public async Task Read_AfterAnotherInstanceWrote_SeesItsChanges()
    {
        using var first = new FileReminderTable(_directory.Path);
        using var second = new FileReminderTable(_directory.Path);
        var entry = NewEntry();
        var etag = await first.TryUpsertAsync(entry, null, CancellationToken.None);
        Assert.Single(await second.ReadAllAsync(CancellationToken.None)); // second now holds a cached copy

        var moved = await first.TryUpsertAsync(entry with { NextDueTime = Start.AddMinutes(1) }, etag, CancellationToken.None);
        var added = NewEntry("other");
        await first.TryUpsertAsync(added, null, CancellationToken.None);

        var rows = await second.ReadAllAsync(CancellationToken.None);
        Assert.Equal(2, rows.Count);
        var row = Assert.Single(rows, r => r.ReminderName == "tick");
        Assert.Equal((Start.AddMinutes(1), moved), (row.NextDueTime, row.ETag));
        Assert.Null(await second.TryUpsertAsync(entry, etag, CancellationToken.None)); // its stale ETag loses
    }

    [Fact]
    public async Task Read_AfterAHandEditOfTheFile_ReadsTheFileAgain()
    {
        using var table = new FileReminderTable(_directory.Path);
        await table.TryUpsertAsync(NewEntry(), null, CancellationToken.None);
        Assert.Single(await table.ReadAllAsync(CancellationToken.None));

        await File.WriteAllTextAsync(table.FilePath, """{"version":3,"reminders":[]}""");

        Assert.Empty(await table.ReadAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ClaimedTick_IsStoredLikeAnyOtherChange()
    {
        using var table = new FileReminderTable(_directory.Path);
        var entry = NewEntry();
        var etag = await table.TryUpsertAsync(entry, null, CancellationToken.None);

        var claimed = await table.TryUpsertAsync(entry with { NextDueTime = Start.AddMinutes(1) }, etag, CancellationToken.None);

        using var restarted = new FileReminderTable(_directory.Path);
        var row = Assert.Single(await restarted.ReadAllAsync(CancellationToken.None));
        Assert.Equal((Start.AddMinutes(1), claimed), (row.NextDueTime, row.ETag));
    }
}
