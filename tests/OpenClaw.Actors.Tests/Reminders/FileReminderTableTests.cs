using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Actors.Tests.Storage;

namespace OpenClaw.Actors.Tests.Reminders;

/// <summary>
/// The reminder table contract kept by the embedded-mode file table, plus what the file adds: rows survive the
/// process, an interrupted write leaves the last complete table, and a damaged file is reported, never replaced.
/// </summary>
public sealed class FileReminderTableTests : ReminderTableContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FileReminderTable _table;

    public FileReminderTableTests() => _table = new FileReminderTable(_directory.Path);

    protected override IReminderTable Table => _table;

    public void Dispose()
    {
        _table.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Rows_WrittenByOneInstance_AreReadByANewInstanceOverTheSameDirectory()
    {
        var entry = NewEntry();
        var etag = await Table.TryUpsertAsync(entry, null, CancellationToken.None);

        using var reopened = new FileReminderTable(_directory.Path);

        Assert.Equal(Path.Combine(_directory.Path, "reminders.json"), reopened.FilePath);
        Assert.Equal(entry with { ETag = etag }, await reopened.ReadAsync(entry.GrainId, entry.ReminderName, CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_IntoADirectoryThatDoesNotExistYet_CreatesItAndWrites()
    {
        var missing = Path.Combine(_directory.Path, "not", "yet");
        using var table = new FileReminderTable(missing);
        var entry = NewEntry();

        var etag = await table.TryUpsertAsync(entry, null, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(missing, "reminders.json")));
        Assert.Equal(entry with { ETag = etag }, await table.ReadAsync(entry.GrainId, entry.ReminderName, CancellationToken.None));
    }

    [Fact]
    public async Task Read_WithLeftoverTempFile_ReturnsTheLastCompleteTable()
    {
        var entry = NewEntry();
        await Table.TryUpsertAsync(entry, null, CancellationToken.None);
        var strayTemp = $"{_table.FilePath}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(strayTemp, """{"version":9,"remin""");

        // Left by a writer that crashed: the next process reads the table afresh and removes it.
        using var restarted = new FileReminderTable(Path.GetDirectoryName(_table.FilePath)!);
        var rows = await restarted.ReadAllAsync(CancellationToken.None);

        Assert.Equal(entry.ReminderName, Assert.Single(rows).ReminderName);
        Assert.False(File.Exists(strayTemp));
    }

    [Fact]
    public async Task Read_CorruptFile_ThrowsNamingTheFileAndLeavesItUntouched()
    {
        await Table.TryUpsertAsync(NewEntry(), null, CancellationToken.None);
        await File.WriteAllTextAsync(_table.FilePath, "[not a table");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Table.ReadAllAsync(CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => Table.TryUpsertAsync(NewEntry(), null, CancellationToken.None));

        Assert.Contains(_table.FilePath, error.Message);
        Assert.Equal("[not a table", await File.ReadAllTextAsync(_table.FilePath));
    }

    [Fact]
    public async Task TryUpsert_TwoInstancesRacingOnOneRow_ExactlyOneWins()
    {
        var entry = NewEntry();
        var etag = await Table.TryUpsertAsync(entry, null, CancellationToken.None);
        using var other = new FileReminderTable(_directory.Path);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? Table : other).TryUpsertAsync(entry with { NextDueTime = Start.AddMinutes(i + 1) }, etag, CancellationToken.None)))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(results, result => result is not null);
    }
}
