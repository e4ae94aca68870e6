using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.AzureBlob.Reminders;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.Runtime.Reminders;

namespace OpenClaw.Actors.AzureBlob.Tests.Reminders;

/// <summary>
/// The reminder table on Azurite: the row-ETag contract every <see cref="IReminderTable"/> keeps, the shard blob
/// layout, and what "each silo a table instance" adds: reads scoped to owned shards, stale caches that cannot win.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobReminderTableTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int ShardCount = 4;
    private readonly string _container = AzuriteFixture.NewContainerName();
    private readonly List<AzureBlobReminderTable> _tables = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var table in _tables) table.Dispose();
        await azurite.Client.DeleteContainerAsync(_container);
    }

    private AzureBlobReminderTable NewTable(IReminderShardOwnership ownership)
    {
        var table = new AzureBlobReminderTable(azurite.Client, _container, ownership, NullLogger<AzureBlobReminderTable>.Instance);
        _tables.Add(table);
        return table;
    }

    private static GrainId GrainInShard(int shard)
    {
        while (true)
        {
            var grainId = GrainId.Create("session", Guid.NewGuid().ToString("N"));
            if (ShardMap.ShardOf(grainId, ShardCount) == shard) return grainId;
        }
    }

    private static ReminderEntry Entry(GrainId grainId, string name = "watchdog", DateTimeOffset? due = null)
    {
        var at = due ?? DateTimeOffset.UtcNow.AddMinutes(5);
        return new ReminderEntry(grainId, name, at, TimeSpan.FromMinutes(1), at);
    }

    [Fact]
    public async Task TryUpsertAndTryDelete_FollowTheRowETag_AndETagsNeverRepeat()
    {
        var table = NewTable(new TestShardOwnership(ShardCount).GainAll());
        var grainId = GrainInShard(1);
        var entry = Entry(grainId);

        var first = await table.TryUpsertAsync(entry, null, default);
        var duplicateCreate = await table.TryUpsertAsync(entry, null, default);
        var second = await table.TryUpsertAsync(entry with { Period = TimeSpan.FromMinutes(2) }, first, default);
        var staleUpdate = await table.TryUpsertAsync(entry, first, default);
        var staleDelete = await table.TryDeleteAsync(grainId, entry.ReminderName, first!, default);
        var stored = await table.ReadAsync(grainId, entry.ReminderName, default);
        var deleted = await table.TryDeleteAsync(grainId, entry.ReminderName, second!, default);
        var afterDelete = await table.ReadAsync(grainId, default);
        var third = await table.TryUpsertAsync(entry, null, default);

        Assert.NotNull(first);
        Assert.Null(duplicateCreate);
        Assert.NotNull(second);
        Assert.Null(staleUpdate);
        Assert.False(staleDelete);
        Assert.Equal(TimeSpan.FromMinutes(2), stored!.Period);
        Assert.Equal(second, stored.ETag);
        Assert.True(deleted);
        Assert.Empty(afterDelete);
        Assert.NotNull(third);
        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
    }

    [Fact]
    public async Task Upsert_StoresTheRowInItsShardsBlob()
    {
        var table = NewTable(new TestShardOwnership(ShardCount).GainAll());
        var grainId = GrainInShard(2);

        await table.TryUpsertAsync(Entry(grainId), null, default);

        Assert.Equal("shards-4/00002.json", table.BlobNameOf(2));
        var download = await azurite.Client.DownloadAsync(_container, table.BlobNameOf(2));
        using var document = JsonDocument.Parse(download!.Content);
        var row = Assert.Single(document.RootElement.GetProperty("reminders").EnumerateArray());
        Assert.Equal(grainId.ToString(), row.GetProperty("grainId").GetString());
        Assert.Null(await azurite.Client.GetPropertiesAsync(_container, table.BlobNameOf(1)));
    }

    [Fact]
    public async Task TablesOfTwoClusters_SharingAContainer_DoNotSeeEachOthersReminders()
    {
        var ownership = new TestShardOwnership(ShardCount).GainAll();
        var clusterA = new AzureBlobReminderTable(azurite.Client, _container, ownership, NullLogger<AzureBlobReminderTable>.Instance, "cluster-a");
        var clusterB = new AzureBlobReminderTable(azurite.Client, _container, ownership, NullLogger<AzureBlobReminderTable>.Instance, "cluster-b");
        _tables.AddRange([clusterA, clusterB]);
        var grainId = GrainInShard(1);

        await clusterA.TryUpsertAsync(Entry(grainId), null, default);

        Assert.Equal("cluster-a/shards-4/00001.json", clusterA.BlobNameOf(1));
        Assert.Single(await clusterA.ReadAllAsync(default));
        Assert.Empty(await clusterB.ReadAllAsync(default));
        Assert.Null(await clusterB.ReadAsync(grainId, "watchdog", default));
    }

    [Fact]
    public async Task ReadAll_ReturnsOwnedShardsOnly_AndAShardGainedLaterAtTheNextRead()
    {
        var writer = NewTable(new TestShardOwnership(ShardCount).GainAll());
        var inShard0 = GrainInShard(0);
        var inShard3 = GrainInShard(3);
        await writer.TryUpsertAsync(Entry(inShard0), null, default);
        await writer.TryUpsertAsync(Entry(inShard3), null, default);
        var ownership = new TestShardOwnership(ShardCount).Gain(0);
        var reader = NewTable(ownership);

        var before = await reader.ReadAllAsync(default);
        ownership.Gain(3);
        var after = await reader.ReadAllAsync(default);

        Assert.Equal([inShard0], before.Select(row => row.GrainId));
        Assert.Equal([inShard0, inShard3], after.Select(row => row.GrainId).OrderBy(id => id == inShard3));
    }

    [Fact]
    public async Task ReadAll_SeesAnotherSilosWriteToAnOwnedShard()
    {
        var ownership = new TestShardOwnership(ShardCount).GainAll();
        var siloA = NewTable(ownership);
        var siloB = NewTable(ownership);
        var grainId = GrainInShard(1);
        Assert.Empty(await siloA.ReadAllAsync(default)); // cached: shard 1 has no blob

        await siloB.TryUpsertAsync(Entry(grainId), null, default);

        Assert.Equal([grainId], (await siloA.ReadAllAsync(default)).Select(row => row.GrainId));
    }

    [Fact]
    public async Task StaleCache_WriteWithTheRowETagItStillHolds_LosesToTheNewerRow()
    {
        var ownership = new TestShardOwnership(ShardCount).GainAll();
        var zombie = NewTable(ownership);
        var owner = NewTable(ownership);
        var grainId = GrainInShard(2);
        var created = await zombie.TryUpsertAsync(Entry(grainId), null, default);
        var row = (await owner.ReadAsync(grainId, "watchdog", default))!;

        var claimed = await owner.TryUpsertAsync(row with { NextDueTime = row.NextDueTime.AddMinutes(1) }, row.ETag, default);
        var zombieClaim = await zombie.TryUpsertAsync(row with { NextDueTime = row.NextDueTime.AddMinutes(1) }, created, default);

        Assert.NotNull(claimed);
        Assert.Null(zombieClaim);
        Assert.Equal(claimed, (await zombie.ReadAsync(grainId, "watchdog", default))!.ETag);
    }

    [Fact]
    public async Task Write_ToAnotherSilosShardBlobChangedMeanwhile_IsDecidedAgainAndKeepsBothRows()
    {
        var ownership = new TestShardOwnership(ShardCount).GainAll();
        var siloA = NewTable(ownership);
        var siloB = NewTable(ownership);
        var first = GrainInShard(3);
        var second = GrainInShard(3);
        await siloA.ReadAllAsync(default);
        await siloA.TryUpsertAsync(Entry(first), null, default);
        await siloB.TryUpsertAsync(Entry(second), null, default); // B's first write reads the blob A wrote

        var third = GrainInShard(3);
        await siloA.TryUpsertAsync(Entry(third), null, default); // A's cached blob ETag is stale: 412, re-read, write

        var rows = await siloB.ReadAllAsync(default);
        Assert.Equal(new[] { first, second, third }.Select(id => id.ToString()).Order(), rows.Select(r => r.GrainId.ToString()).Order());
    }

    [Fact]
    public async Task CorruptShardBlob_IsReportedAndLeftUntouched()
    {
        var table = NewTable(new TestShardOwnership(ShardCount).GainAll());
        await azurite.Client.CreateContainerAsync(_container);
        await azurite.Client.PutBlockBlobAsync(_container, table.BlobNameOf(0), "{not json"u8.ToArray());

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => table.ReadAllAsync(default));

        Assert.Contains("shards-4/00000.json", error.Message);
        Assert.Equal("{not json"u8.ToArray(), (await azurite.Client.DownloadAsync(_container, table.BlobNameOf(0)))!.Content);
    }
}
