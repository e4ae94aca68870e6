using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Storage;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.Runtime.Reminders;

namespace OpenClaw.Actors.AzureBlob.Reminders;

/// <summary>
/// Reminders in Azure Blob Storage (cluster mode): one JSON block blob per shard,
/// <c>&lt;container&gt;/[&lt;cluster&gt;/]shards-&lt;S&gt;/&lt;shard:00000&gt;.json</c> (S = the shard count, so silos of a cluster with
/// another shard count never read rows placed for a different S; the optional cluster segment keeps clusters that
/// share a storage account apart), every change one PUT conditional on the blob's ETag.
/// <para>
/// Why per shard and not per grain: the silo that owns a shard is the only one that fires its reminders and, since
/// grains run on their shard's owner, almost the only one that writes them. Per shard, a reminder pass costs one List
/// Blobs request (ETags of every shard blob) plus one GET per owned shard whose ETag changed, and a silo that takes a
/// shard over reads all its reminders with one GET; per grain, a pass would have to list and fetch every reminder
/// blob. The price, serialised writes within a shard, is paid in-process (one gate per shard), so the service only
/// sees competing writes when two silos both believe they own a shard, and those are exactly the ones to reject.
/// </para>
/// <para>
/// Fires are claimed by the <see cref="ReminderDispatcher"/> with <see cref="TryUpsertAsync"/>: the row's ETag must
/// still match, and the PUT must match the blob's ETag. When a zombie owner and the new owner claim the same tick, one
/// PUT wins; the other gets 412, re-reads the blob, sees the row moved on and reports the claim lost, so the tick is
/// delivered once.
/// </para>
/// <para>
/// <see cref="ReadAllAsync"/> returns the rows of the shards this silo owns now (<see cref="IReminderShardOwnership"/>),
/// not of the whole cluster: its caller, the dispatcher, fires only those, and reading the others every second would
/// cost a GET per shard. A shard gained since the last pass is read at the next one (the service's pass runs every
/// <see cref="ReminderOptions.TickQuantum"/>, default 1 s). The cache holds at most one document per shard.
/// </para>
/// </summary>
public sealed partial class AzureBlobReminderTable : IReminderTable, IDisposable
{
    /// <summary>How often one change is decided again after another silo wrote the same shard blob.</summary>
    private const int MaxWriteAttempts = 5;

    /// <summary>How many shard blobs one pass downloads at once.</summary>
    private const int MaxParallelFetches = 16;

    private const string JsonContentType = "application/json";

    private readonly BlobRestClient _client;
    private readonly IReminderShardOwnership _shards;
    private readonly ContainerInitializer _containerInitializer;
    private readonly ShardSlot?[] _slots;
    private readonly string _prefix;
    private readonly ILogger<AzureBlobReminderTable> _logger;

    /// <param name="clusterId">Names the cluster in the blob names (null: none; see <see cref="ClusterBlobNames"/>); clusters sharing a container need different ones.</param>
    public AzureBlobReminderTable(BlobRestClient client, string containerName, IReminderShardOwnership shards, ILogger<AzureBlobReminderTable> logger,
        string? clusterId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(shards);
        BlobPaths.ValidateContainer(containerName);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards.ShardCount, 1);
        _client = client;
        _shards = shards;
        ContainerName = containerName;
        ShardCount = shards.ShardCount;
        _containerInitializer = new ContainerInitializer(client, containerName);
        _slots = new ShardSlot?[ShardCount];
        _prefix = ClusterBlobNames.Prefix(clusterId) + $"shards-{ShardCount.ToString(CultureInfo.InvariantCulture)}/";
        _logger = logger;
    }

    public string ContainerName { get; }

    public int ShardCount { get; }

    /// <summary>The blob (inside <see cref="ContainerName"/>) holding the reminders of <paramref name="shard"/>.</summary>
    public string BlobNameOf(int shard) => _prefix + shard.ToString("D5", CultureInfo.InvariantCulture) + ".json";

    public int ShardOf(GrainId grainId) => ShardMap.ShardOf(grainId, ShardCount);

    /// <summary>The reminders of the shards this silo owns now (see the class remarks).</summary>
    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await _containerInitializer.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var listed = await ListShardETagsAsync(cancellationToken).ConfigureAwait(false);
        var owned = Enumerable.Range(0, ShardCount).Where(_shards.OwnsShard).ToArray();
        var documents = new ReminderShardDocument[owned.Length];
        // In parallel: a silo that just took over half the shards reads them all in its first pass.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelFetches, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, owned.Length, parallel, async (index, token) =>
        {
            var shard = owned[index];
            documents[index] = await WithShardAsync(shard, async slot =>
            {
                if (slot.Snapshot is not { } cached || cached.BlobETag != listed.GetValueOrDefault(shard))
                    slot.Snapshot = await FetchAsync(shard, token).ConfigureAwait(false);
                return slot.Snapshot.Document;
            }, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return [.. documents.SelectMany(document => document.Entries)];
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
        => [.. (await ReadShardAsync(grainId, cancellationToken).ConfigureAwait(false)).Entries.Where(row => row.GrainId == grainId)];

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
        => (await ReadShardAsync(grainId, cancellationToken).ConfigureAwait(false)).Reminders
            .FirstOrDefault(row => row.Is(grainId, reminderName))?.ToEntry();

    public async Task<string?> TryUpsertAsync(ReminderEntry entry, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var written = await ChangeAsync(entry.GrainId, document =>
        {
            var current = document.Reminders.FirstOrDefault(row => row.Is(entry.GrainId, entry.ReminderName));
            if (current?.ETag != expectedETag) return null;
            var others = document.Reminders.Where(row => !ReferenceEquals(row, current));
            return document.Next(others.Append(StoredReminder.From(entry, document.Version + 1)));
        }, cancellationToken).ConfigureAwait(false);
        return written?.Version.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> TryDeleteAsync(GrainId grainId, string reminderName, string expectedETag, CancellationToken cancellationToken)
        => await ChangeAsync(grainId, document =>
        {
            var current = document.Reminders.FirstOrDefault(row => row.Is(grainId, reminderName));
            return current is null || current.ETag != expectedETag
                ? null
                : document.Next(document.Reminders.Where(row => !ReferenceEquals(row, current)));
        }, cancellationToken).ConfigureAwait(false) is not null;

    public void Dispose()
    {
        foreach (var slot in _slots) slot?.Gate.Dispose();
    }

    private async Task<ReminderShardDocument> ReadShardAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await _containerInitializer.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var shard = ShardOf(grainId);
        return await WithShardAsync(shard, async slot =>
        {
            slot.Snapshot = await FetchAsync(shard, cancellationToken).ConfigureAwait(false);
            return slot.Snapshot.Document;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies <paramref name="change"/> (null: its condition failed) to the shard's document and writes the result
    /// conditionally on the blob's ETag, deciding again on fresh content when the blob changed meanwhile. Returns
    /// the written document, or null when the condition failed on fresh content.
    /// </summary>
    private async Task<ReminderShardDocument?> ChangeAsync(GrainId grainId, Func<ReminderShardDocument, ReminderShardDocument?> change, CancellationToken cancellationToken)
    {
        await _containerInitializer.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var shard = ShardOf(grainId);
        return await WithShardAsync(shard, async slot =>
        {
            var fresh = slot.Snapshot is null;
            var snapshot = slot.Snapshot ?? await FetchAsync(shard, cancellationToken).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                if (change(snapshot.Document) is not { } next)
                {
                    if (fresh) return null;
                    // The cache may lag behind what the caller read: decide once more on what is stored now.
                    snapshot = slot.Snapshot = await FetchAsync(shard, cancellationToken).ConfigureAwait(false);
                    fresh = true;
                    continue;
                }

                try
                {
                    var etag = await PutAsync(shard, snapshot.BlobETag, next, cancellationToken).ConfigureAwait(false);
                    slot.Snapshot = new ShardSnapshot(etag, next);
                    return next;
                }
                catch (BlobRequestException ex) when (ex.IsConditionFailure && attempt < MaxWriteAttempts)
                {
                    // Another silo wrote this shard since we read it (the owner we took it from, or a zombie).
                    LogShardChangedElsewhere(shard);
                    snapshot = slot.Snapshot = await FetchAsync(shard, cancellationToken).ConfigureAwait(false);
                    fresh = true;
                }
                catch (BlobRequestException ex) when (ex.IsConditionFailure)
                {
                    slot.Snapshot = null;
                    throw new InconsistentStateException(
                        $"Reminder shard {shard} kept changing elsewhere ({MaxWriteAttempts} attempts); the reminder of {grainId} was not changed.");
                }
                catch
                {
                    // The outcome is unknown (timeout, network): read the blob again before the next decision.
                    slot.Snapshot = null;
                    throw;
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task<string> PutAsync(int shard, string? blobETag, ReminderShardDocument document, CancellationToken cancellationToken)
        => _client.PutBlockBlobAsync(ContainerName, BlobNameOf(shard), document.Serialize(), new BlobWriteOptions
        {
            Conditions = blobETag is null ? BlobConditions.CreateOnly : BlobConditions.Matching(blobETag),
            ContentType = JsonContentType,
        }, cancellationToken);

    private async Task<ShardSnapshot> FetchAsync(int shard, CancellationToken cancellationToken)
    {
        var blob = BlobNameOf(shard);
        var download = await _client.DownloadAsync(ContainerName, blob, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (download is null) return new ShardSnapshot(null, ReminderShardDocument.Empty);
        var document = ReminderShardDocument.Parse(download.Content, $"{ContainerName}/{blob}");
        LogShardRead(shard, document.Reminders.Count);
        return new ShardSnapshot(download.Properties.ETag, document);
    }

    private async Task<Dictionary<int, string>> ListShardETagsAsync(CancellationToken cancellationToken)
    {
        var etags = new Dictionary<int, string>();
        await foreach (var item in _client.ListBlobsAsync(ContainerName, _prefix, BlobRestClient.MaxListPageSize, cancellationToken).ConfigureAwait(false))
        {
            var name = item.Name.AsSpan(_prefix.Length);
            if (name.EndsWith(".json", StringComparison.Ordinal)
                && int.TryParse(name[..^".json".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var shard)
                && shard < ShardCount)
                etags[shard] = item.ETag;
        }

        return etags;
    }

    private async Task<T> WithShardAsync<T>(int shard, Func<ShardSlot, Task<T>> action, CancellationToken cancellationToken)
    {
        var slot = _slots[shard] ?? Interlocked.CompareExchange(ref _slots[shard], new ShardSlot(), null) ?? _slots[shard]!;
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action(slot).ConfigureAwait(false);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>A shard's last known content and the blob ETag it had (null: no blob).</summary>
    private sealed record ShardSnapshot(string? BlobETag, ReminderShardDocument Document);

    /// <summary>Per shard: the gate that serialises this silo's reads-for-write and writes, and the cached snapshot.</summary>
    private sealed class ShardSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ShardSnapshot? Snapshot { get; set; }
    }

    [LoggerMessage(2930, LogLevel.Debug, "Reminder shard {Shard} was written by another silo since this one read it; deciding again")]
    private partial void LogShardChangedElsewhere(int shard);

    [LoggerMessage(2931, LogLevel.Debug, "Reminder shard {Shard} read: {Count} reminders")]
    private partial void LogShardRead(int shard, int count);
}
