using System.Net;
using OpenClaw.Actors;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Storage;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Silo.Cluster.Storage;

/// <summary>
/// Transcripts as append blobs (cluster mode), so the silo that takes a session over reads what the previous one
/// wrote. Blob names mirror OpenClaw's layout (<see cref="TranscriptBlobNames"/>, behind the cluster's segment when the
/// cluster is not the default one) and the bytes are those of the JSONL file (<see cref="TranscriptLines"/>).
/// <para>
/// Fencing: every append names the length and the ETag the writer last saw (<c>x-ms-blob-condition-appendpos</c> and
/// If-Match), learnt when this silo opened the transcript and moved on by each of its own appends. A stale activation
/// whose successor (on another silo) opened and appended since gets <see cref="InconsistentStateException"/> instead of
/// interleaving its lines; so does a writer whose transcript was archived or deleted meanwhile.
/// </para>
/// <para>
/// Durability and tearing: an append completes when the service committed its block. One append is one block
/// (entries never span blocks), and a block is written entirely or not at all, so this writer never leaves a torn
/// line. A batch above <see cref="BlobRestClient.MaxAppendBlockBytes"/> is split at line boundaries into several
/// blocks (a failure in between leaves whole entries); one entry above it is refused. When an append has no clear
/// outcome (timeout, connection lost, the caller cancelled), the blob's tail is compared with the block, at once or at
/// the next append: written, not written, or someone else's (conflict). A torn tail from elsewhere (a file moved in)
/// cannot be cut off an append blob: opening terminates it with a newline, and readers skip the damaged line.
/// </para>
/// <para>
/// Size limits and rollover: an append blob takes at most 50,000 blocks (one per append here). A transcript is
/// therefore a chain of parts (<see cref="TranscriptParts"/>): when the last part has
/// <see cref="BlobTranscriptStoreOptions.MaxBlocksPerPart"/> blocks, or the next block would take it past
/// <see cref="BlobTranscriptStoreOptions.MaxPartBytes"/>, the writer seals it (metadata set with If-Match on its ETag,
/// which fences every other writer of that part) and continues in the next part, created empty; of two writers that
/// both sealed the same unchanged part, the first to append to the next part wins and the other gets a conflict.
/// Readers follow the chain and concatenate. Should the service refuse an append for the block limit while this
/// writer's view says there is room, the part is sealed and the append goes on in the next part if the part still has
/// the writer's ETag; otherwise someone else appended, and it is a conflict.
/// </para>
/// </summary>
public sealed partial class BlobTranscriptStore : ITranscriptStore
{
    public const string DefaultContainerName = "openclaw-transcripts";

    private const string AppendBlobType = "AppendBlob";
    private const string ContentType = "application/x-ndjson";

    private readonly BlobRestClient _client;
    private readonly ContainerInitializer _containerInitializer;
    private readonly BlobTranscriptStoreOptions _options;
    private readonly string _prefix;
    private readonly TranscriptAppendPoints _points;
    private readonly ILogger<BlobTranscriptStore> _logger;

    public BlobTranscriptStore(BlobRestClient client, string containerName, ILogger<BlobTranscriptStore> logger, BlobTranscriptStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _options = options ?? new BlobTranscriptStoreOptions();
        _options.Validate();
        _client = client;
        ContainerName = containerName;
        _containerInitializer = new ContainerInitializer(client, containerName);
        _prefix = ClusterBlobNames.Prefix(_options.ClusterId);
        _points = new TranscriptAppendPoints(_options.TrackedTranscripts);
        _logger = logger;
    }

    public string ContainerName { get; }

    public BlobTranscriptStoreOptions Options => _options;

    public string Locate(TranscriptRef transcript) => LocationOf(BlobOf(transcript));

    public async Task<TranscriptContent> OpenAsync(TranscriptRef transcript, TranscriptHeader header, CancellationToken cancellationToken)
    {
        var blob = BlobOf(transcript);
        await _containerInitializer.EnsureCreatedAsync(cancellationToken);
        var parts = await TranscriptParts.DownloadAsync(_client, ContainerName, blob, cancellationToken);
        if (parts.Count == 0)
        {
            if (await TryCreateAsync(blob, cancellationToken) is { } created)
            {
                var start = new AppendPoint(1, 0, created, 0);
                await AppendLinesAsync(blob, start, TranscriptLines.Serialize([header]), cancellationToken);
                return new TranscriptContent(header, []);
            }

            parts = await TranscriptParts.DownloadAsync(_client, ContainerName, blob, cancellationToken);
            if (parts.Count == 0) throw new InconsistentStateException($"Transcript '{LocationOf(blob)}' was deleted while it was being opened.");
        }

        foreach (var part in parts)
        {
            if (part.Properties.BlobType != AppendBlobType)
                throw new InvalidOperationException($"'{LocationOf(part.Blob)}' is a {part.Properties.BlobType}, not an append blob; it cannot be a transcript.");
            if (TranscriptParts.IsArchiving(part.Properties))
                throw new InconsistentStateException($"Transcript '{LocationOf(blob)}' is being archived; open it again once that is done.");
        }

        var last = parts[^1];
        var point = new AppendPoint(last.Number, last.Download.Content.Length, last.Properties.ETag, last.Properties.CommittedBlockCount ?? 0)
        {
            Sealed = last.IsSealed,
        };
        var bytes = TranscriptParts.Concatenate(parts);
        var validLength = TranscriptLines.CompleteLength(bytes);
        if (validLength < bytes.Length)
        {
            LogTornTail(blob, bytes.Length - validLength);
            if (bytes[^1] != TranscriptLines.NewLine && !point.Sealed) point = await AppendBlockAsync(blob, point, new[] { TranscriptLines.NewLine }, cancellationToken);
        }

        var content = Parse(bytes.AsSpan(0, validLength), blob);
        _points.Set(blob, point);
        if (content.Header is not null || content.Entries.Count > 0) return content;
        await AppendLinesAsync(blob, point, TranscriptLines.Serialize([header]), cancellationToken);
        return new TranscriptContent(header, []);
    }

    public async Task<TranscriptContent> ReadAsync(TranscriptRef transcript, CancellationToken cancellationToken)
    {
        var blob = BlobOf(transcript);
        await _containerInitializer.EnsureCreatedAsync(cancellationToken);
        var parts = await TranscriptParts.DownloadAsync(_client, ContainerName, blob, cancellationToken);
        if (parts.Count == 0) return TranscriptContent.Empty;
        var bytes = TranscriptParts.Concatenate(parts);
        var terminated = bytes.AsSpan().LastIndexOf(TranscriptLines.NewLine) + 1;
        return Parse(bytes.AsSpan(0, terminated), blob);
    }

    public async Task AppendAsync(TranscriptRef transcript, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return;
        var blob = BlobOf(transcript);
        var point = _points.Get(blob) ?? throw await NotOpenedAsync(blob, cancellationToken);
        if (point.PendingBlock is { } pending)
        {
            point = point with { PendingBlock = null };
            point = await ResolveAsync(blob, point, pending, cancellationToken) ?? point;
            _points.Set(blob, point);
        }

        await AppendLinesAsync(blob, point, TranscriptLines.Serialize(entries), cancellationToken);
    }

    /// <summary>
    /// Copies every part, in order, into one append blob named as the file store names archives, then removes the
    /// parts only if nobody appended since they were read: a single part by a delete conditional on its ETag; several
    /// by first marking each of them archiving under If-Match (a writer holding any of them is fenced from then on,
    /// and openers refuse a transcript being archived), then deleting them first to last.
    /// </summary>
    public async Task<string?> ArchiveAsync(TranscriptRef transcript, string suffix, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var blob = BlobOf(transcript);
        var target = TranscriptBlobNames.Archived(blob, suffix, at);
        await _containerInitializer.EnsureCreatedAsync(cancellationToken);
        var parts = await TranscriptParts.DownloadAsync(_client, ContainerName, blob, cancellationToken);
        _points.Forget(blob);
        if (parts.Count == 0) return null;

        // Blobs cannot be renamed: copy, then delete the original only if nobody appended since it was read.
        var content = TranscriptParts.Concatenate(parts);
        await _client.CreateAppendBlobAsync(ContainerName, target,
            new BlobWriteOptions { Conditions = BlobConditions.CreateOnly, ContentType = ContentType }, cancellationToken);
        for (var offset = 0; offset < content.Length; offset += BlobRestClient.MaxAppendBlockBytes)
        {
            var length = Math.Min(BlobRestClient.MaxAppendBlockBytes, content.Length - offset);
            await _client.AppendBlockAsync(ContainerName, target, content.AsMemory(offset, length),
                new AppendConditions(AppendPosition: offset), cancellationToken);
        }

        var marked = new List<(TranscriptPart Part, string ETag)>();
        try
        {
            if (parts.Count == 1)
            {
                await _client.DeleteBlobAsync(ContainerName, blob, BlobConditions.Matching(parts[0].Properties.ETag), cancellationToken);
                return LocationOf(target);
            }

            // The last part first: it is the only one a writer can still append to.
            foreach (var part in parts.Reverse())
            {
                var etag = await _client.SetMetadataAsync(ContainerName, part.Blob, TranscriptParts.ArchivingMetadata(part.Properties),
                    BlobConditions.Matching(part.Properties.ETag), cancellationToken);
                marked.Add((part, etag));
            }
        }
        catch (BlobRequestException ex) when (ex.IsConditionFailure)
        {
            await UnmarkAsync(marked);
            await _client.DeleteBlobAsync(ContainerName, target, cancellationToken: CancellationToken.None);
            throw new InconsistentStateException($"Transcript '{LocationOf(blob)}' was appended to while it was being archived; it was left in place.");
        }

        foreach (var part in parts) await _client.DeleteBlobAsync(ContainerName, part.Blob, cancellationToken: cancellationToken);
        return LocationOf(target);
    }

    /// <summary>Takes the archiving mark off parts of an archive that was called off (only where nobody touched them since).</summary>
    private async Task UnmarkAsync(IReadOnlyList<(TranscriptPart Part, string ETag)> marked)
    {
        foreach (var (part, etag) in marked)
        {
            try
            {
                await _client.SetMetadataAsync(ContainerName, part.Blob, part.Properties.Metadata, BlobConditions.Matching(etag), CancellationToken.None);
            }
            catch (BlobRequestException ex) when (ex.IsConditionFailure || IsGone(ex))
            {
                // Changed or removed meanwhile (another archive): that one decides what becomes of it.
            }
        }
    }

    public async Task<bool> DeleteAsync(TranscriptRef transcript, CancellationToken cancellationToken)
    {
        var blob = BlobOf(transcript);
        _points.Forget(blob);
        await _containerInitializer.EnsureCreatedAsync(cancellationToken);
        var parts = await TranscriptParts.ListAsync(_client, ContainerName, blob, cancellationToken);
        var deleted = false;
        // First part first: from then on the transcript does not exist for openers, whatever is left of the rest.
        foreach (var part in parts) deleted |= await _client.DeleteBlobAsync(ContainerName, part, cancellationToken: cancellationToken);
        return deleted;
    }

    private string BlobOf(TranscriptRef transcript) => _prefix + TranscriptBlobNames.For(transcript);

    private async Task<string?> TryCreateAsync(string blob, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.CreateAppendBlobAsync(ContainerName, blob,
                new BlobWriteOptions { Conditions = BlobConditions.CreateOnly, ContentType = ContentType }, cancellationToken);
        }
        catch (BlobRequestException ex) when (ex.IsConditionFailure)
        {
            return null; // created by someone else meanwhile: open what is there
        }
    }

    private async Task<Exception> NotOpenedAsync(string blob, CancellationToken cancellationToken)
        => await _client.GetPropertiesAsync(ContainerName, blob, cancellationToken) is null
            ? new InvalidOperationException($"Transcript '{LocationOf(blob)}' does not exist; open it before appending.")
            : new InconsistentStateException(
                $"Transcript '{LocationOf(blob)}' is not open on this silo (or its append point was forgotten); open it again before appending.");

    private static bool IsUnknownOutcome(Exception ex)
        => ex is TimeoutException or HttpRequestException || ex is BlobRequestException { IsTransient: true };

    private static bool IsGone(BlobRequestException ex) => ex.Status == HttpStatusCode.NotFound;

    private TranscriptContent Parse(ReadOnlySpan<byte> bytes, string blob)
        => TranscriptLines.Parse(bytes, (exception, line) => LogBadLine(exception, blob, line));

    private string LocationOf(string blob) => $"{_client.Account.BlobEndpoint}{ContainerName}/{blob}";

    [LoggerMessage(2950, LogLevel.Warning, "Transcript {Blob} ended with a damaged entry of {Bytes} bytes; it was closed with a newline and is skipped by readers")]
    private partial void LogTornTail(string blob, int bytes);

    [LoggerMessage(2951, LogLevel.Warning, "Transcript {Blob} line {Line} is not a valid entry; skipped")]
    private partial void LogBadLine(Exception exception, string blob, int line);
}
