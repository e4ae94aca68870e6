using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.Serialization;

namespace OpenClaw.Actors.AzureBlob.Storage;

/// <summary>
/// Grain state in Azure Blob Storage (cluster mode): one block blob per state,
/// <c>&lt;container&gt;/[&lt;clusterId&gt;/]&lt;grainType&gt;/&lt;key&gt;/&lt;stateName&gt;.json</c> (segments escaped by
/// <see cref="StateBlobNames"/>; the cluster segment, <see cref="ClusterBlobNames"/>, keeps clusters that share a storage
/// account apart),
/// the state as JSON (<see cref="ActorJson.Options"/>). The grain-facing ETag is a version number kept in the blob's
/// metadata ("1" for the first write, +1 per write or clear), as the other storages do; every write and clear is
/// one PUT conditional on the blob's own ETag (If-Match, or If-None-Match:* to create), so the service decides races:
/// a stale activation after a failover gets <see cref="InconsistentStateException"/> and cannot overwrite newer
/// state. A clear leaves an empty tombstone blob that keeps the version, so versions never repeat (no ABA).
/// </summary>
public sealed partial class AzureBlobGrainStorage : IGrainStorage
{
    private const string JsonContentType = "application/json";

    private readonly BlobRestClient _client;
    private readonly string _container;
    private readonly string _prefix;
    private readonly ContainerInitializer _containerInitializer;
    private readonly StateVersionCache _versions = new();
    private readonly ILogger<AzureBlobGrainStorage> _logger;

    /// <param name="clusterId">Names the cluster in the blob names (null: the default cluster, no segment).</param>
    public AzureBlobGrainStorage(BlobRestClient client, string containerName, ILogger<AzureBlobGrainStorage> logger, string? clusterId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        BlobPaths.ValidateContainer(containerName);
        _client = client;
        _container = containerName;
        _prefix = ClusterBlobNames.Prefix(clusterId);
        _containerInitializer = new ContainerInitializer(client, containerName);
        _logger = logger;
    }

    public string ContainerName => _container;

    /// <summary>The blob (inside <see cref="ContainerName"/>) that holds <paramref name="stateName"/> of <paramref name="grainId"/>.</summary>
    public string GetBlobName(string stateName, GrainId grainId) => _prefix + StateBlobNames.For(grainId, stateName);

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        await _containerInitializer.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var blob = GetBlobName(stateName, grainId);
        var download = await _client.DownloadAsync(_container, blob, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (download is null)
        {
            _versions.Remove(blob);
            SetMissing(grainState);
            return;
        }

        var stored = StoredStateVersion.FromProperties(download.Properties, Location(blob));
        _versions.Set(blob, stored);
        if (stored.IsTombstone)
        {
            SetMissing(grainState);
            return;
        }

        grainState.State = Deserialize<TState>(download.Content, blob);
        grainState.ETag = stored.StateETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        await _containerInitializer.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var blob = GetBlobName(stateName, grainId);
        var json = JsonSerializer.SerializeToUtf8Bytes(grainState.State, ActorJson.Options);
        var stored = await CheckExpectedAsync(blob, grainId, stateName, grainState.ETag, cancellationToken).ConfigureAwait(false);

        var next = (stored?.Version ?? 0) + 1;
        var written = await PutConditionallyAsync(blob, grainId, stateName, grainState.ETag, stored, json, next, tombstone: false, cancellationToken)
            .ConfigureAwait(false);
        grainState.ETag = written.StateETag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        await _containerInitializer.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var blob = GetBlobName(stateName, grainId);
        var stored = await CheckExpectedAsync(blob, grainId, stateName, grainState.ETag, cancellationToken).ConfigureAwait(false);
        if (grainState.ETag is not null)
        {
            await PutConditionallyAsync(blob, grainId, stateName, grainState.ETag, stored, [], stored!.Version + 1, tombstone: true, cancellationToken)
                .ConfigureAwait(false);
        }

        SetMissing(grainState);
    }

    /// <summary>
    /// Finds what is stored (from the cache when it agrees with the caller, else by a HEAD) and throws unless the
    /// caller's ETag matches it: null for no record or a tombstone, the version of a live record.
    /// </summary>
    private async Task<StoredStateVersion?> CheckExpectedAsync(string blob, GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        var cached = _versions.Get(blob);
        if (cached is not null && cached.StateETag == expectedEtag) return cached;

        var stored = await ReadStoredVersionAsync(blob, cancellationToken).ConfigureAwait(false);
        if (stored?.StateETag != expectedEtag) throw Conflict(grainId, stateName, stored?.StateETag, expectedEtag);
        return stored;
    }

    /// <summary>One PUT conditional on the blob's ETag (or create-only when there is no blob).</summary>
    private async Task<StoredStateVersion> PutConditionallyAsync(string blob, GrainId grainId, string stateName, string? expectedEtag,
        StoredStateVersion? stored, byte[] content, long version, bool tombstone, CancellationToken cancellationToken)
    {
        var options = new BlobWriteOptions
        {
            Conditions = stored is null ? BlobConditions.CreateOnly : BlobConditions.Matching(stored.BlobETag),
            Metadata = StoredStateVersion.Metadata(version, tombstone),
            ContentType = JsonContentType,
        };
        try
        {
            var blobETag = await _client.PutBlockBlobAsync(_container, blob, content, options, cancellationToken).ConfigureAwait(false);
            var written = new StoredStateVersion(version, tombstone, blobETag);
            _versions.Set(blob, written);
            return written;
        }
        catch (BlobRequestException ex) when (ex.IsConditionFailure)
        {
            // Someone wrote between our check and our PUT (or the cached blob ETag was stale): report what is there now.
            _versions.Remove(blob);
            var current = await ReadStoredVersionAsync(blob, cancellationToken).ConfigureAwait(false);
            throw Conflict(grainId, stateName, current?.StateETag, expectedEtag);
        }
        catch
        {
            // The outcome is unknown (timeout, network): the next write must look at the blob again.
            _versions.Remove(blob);
            throw;
        }
    }

    private async Task<StoredStateVersion?> ReadStoredVersionAsync(string blob, CancellationToken cancellationToken)
    {
        var properties = await _client.GetPropertiesAsync(_container, blob, cancellationToken).ConfigureAwait(false);
        if (properties is null)
        {
            _versions.Remove(blob);
            return null;
        }

        var stored = StoredStateVersion.FromProperties(properties, Location(blob));
        _versions.Set(blob, stored);
        return stored;
    }

    private TState Deserialize<TState>(byte[] content, string blob)
    {
        try
        {
            return JsonSerializer.Deserialize<TState>(content, ActorJson.Options)
                   ?? throw new GrainStateBlobCorruptedException(Location(blob), "the stored state is null");
        }
        catch (JsonException ex)
        {
            throw new GrainStateBlobCorruptedException(Location(blob), "not valid JSON for its type: " + ex.Message, ex);
        }
    }

    private InconsistentStateException Conflict(GrainId grainId, string stateName, string? storedEtag, string? expectedEtag)
    {
        LogConflict(stateName, grainId, storedEtag, expectedEtag);
        return new InconsistentStateException(
            $"State '{stateName}' of {grainId} was changed by someone else: stored ETag '{storedEtag ?? "(none)"}', " +
            $"the writer expected '{expectedEtag ?? "(none)"}'.", storedEtag, expectedEtag);
    }

    private string Location(string blob) => $"{_container}/{blob}";

    private static void SetMissing<TState>(IGrainState<TState> grainState)
    {
        grainState.State = Activator.CreateInstance<TState>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    [LoggerMessage(2910, LogLevel.Debug, "State {StateName} of {GrainId} was not written: stored ETag {StoredEtag}, the writer expected {ExpectedEtag}")]
    private partial void LogConflict(string stateName, GrainId grainId, string? storedEtag, string? expectedEtag);
}
