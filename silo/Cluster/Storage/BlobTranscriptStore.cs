using System.Globalization;
using System.Net;
using OpenClaw.Actors;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Storage;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Silo.Cluster.Storage;

/// <summary>
/// Transcripts as append blobs (cluster mode), so the silo that takes a session over reads what the previous one
/// wrote. Blob names mirror OpenClaw's layout (<see cref="TranscriptBlobNames"/>) and the bytes are those of the JSONL
/// file (<see cref="TranscriptLines"/>).
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
/// the next append: written, not written, or someone else's (conflict). A torn tail from elsewhere (a file moved in) cannot be cut off an append blob: opening
/// terminates it with a newline, and readers skip the damaged line.
/// </para>
/// <para>
/// Size limits: an append blob takes at most 50,000 blocks (one per append here: roughly 50,000 transcript writes,
/// tens of thousands of chat turns). From <see cref="WarnBlockCount"/> blocks on a warning is logged every 1,000
/// blocks; at the limit appends fail with an <see cref="InvalidOperationException"/> that says to reset the session
/// (which archives the transcript and starts a new one). Reads download the whole blob, bounded by
/// <see cref="BlobRestClientOptions.MaxDownloadBytes"/> (64 MiB by default).
/// </para>
/// </summary>
public sealed partial class BlobTranscriptStore : ITranscriptStore
{
    public const string DefaultContainerName = "openclaw-transcripts";

    /// <summary>The service's limit of committed blocks per append blob.</summary>
    public const int MaxBlockCount = 50_000;

    public const int WarnBlockCount = 45_000;

    /// <summary>Default bound of the transcripts whose append point this silo remembers (see <see cref="TranscriptAppendPoints"/>).</summary>
    public const int DefaultTrackedTranscripts = 65_536;

    private const string AppendBlobType = "AppendBlob";
    private const string ContentType = "application/x-ndjson";

    private readonly BlobRestClient _client;
    private readonly ContainerInitializer _containerInitializer;
    private readonly TranscriptAppendPoints _points;
    private readonly ILogger<BlobTranscriptStore> _logger;

    public BlobTranscriptStore(BlobRestClient client, string containerName, ILogger<BlobTranscriptStore> logger, int trackedTranscripts = DefaultTrackedTranscripts)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        ContainerName = containerName;
        _containerInitializer = new ContainerInitializer(client, containerName);
        _points = new TranscriptAppendPoints(trackedTranscripts);
        _logger = logger;
    }

    public string ContainerName { get; }

    public string Locate(TranscriptRef transcript) => LocationOf(TranscriptBlobNames.For(transcript));

    public async Task<TranscriptContent> OpenAsync(TranscriptRef transcript, TranscriptHeader header, CancellationToken cancellationToken)
    {
        var blob = TranscriptBlobNames.For(transcript);
        await _containerInitializer.EnsureCreatedAsync(cancellationToken);
        var download = await _client.DownloadAsync(ContainerName, blob, cancellationToken: cancellationToken);
        if (download is null)
        {
            if (await TryCreateAsync(blob, cancellationToken) is { } created)
            {
                var start = new AppendPoint(0, created, 0);
                await AppendLinesAsync(blob, start, TranscriptLines.Serialize([header]), cancellationToken);
                return new TranscriptContent(header, []);
            }

            download = await _client.DownloadAsync(ContainerName, blob, cancellationToken: cancellationToken)
                       ?? throw new InconsistentStateException($"Transcript '{LocationOf(blob)}' was deleted while it was being opened.");
        }

        if (download.Properties.BlobType != AppendBlobType)
            throw new InvalidOperationException($"'{LocationOf(blob)}' is a {download.Properties.BlobType}, not an append blob; it cannot be a transcript.");
        var bytes = download.Content;
        var point = new AppendPoint(bytes.Length, download.Properties.ETag, download.Properties.CommittedBlockCount ?? 0);
        var validLength = TranscriptLines.CompleteLength(bytes);
        if (validLength < bytes.Length)
        {
            LogTornTail(blob, bytes.Length - validLength);
            if (bytes[^1] != TranscriptLines.NewLine) point = await AppendBlockAsync(blob, point, new[] { TranscriptLines.NewLine }, cancellationToken);
        }

        var content = Parse(bytes.AsSpan(0, validLength), blob);
        _points.Set(blob, point);
        if (content.Header is not null || content.Entries.Count > 0) return content;
        await AppendLinesAsync(blob, point, TranscriptLines.Serialize([header]), cancellationToken);
        return new TranscriptContent(header, []);
    }

    public async Task<TranscriptContent> ReadAsync(TranscriptRef transcript, CancellationToken cancellationToken)
    {
        var blob = TranscriptBlobNames.For(transcript);
        await _containerInitializer.EnsureCreatedAsync(cancellationToken);
        var download = await _client.DownloadAsync(ContainerName, blob, cancellationToken: cancellationToken);
        if (download is null) return TranscriptContent.Empty;
        var terminated = download.Content.AsSpan().LastIndexOf(TranscriptLines.NewLine) + 1;
        return Parse(download.Content.AsSpan(0, terminated), blob);
    }

    public async Task AppendAsync(TranscriptRef transcript, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return;
        var blob = TranscriptBlobNames.For(transcript);
        var point = _points.Get(blob) ?? throw await NotOpenedAsync(blob, cancellationToken);
        if (point.PendingBlock is { } pending)
        {
            point = point with { PendingBlock = null };
            point = await ResolveAsync(blob, point, pending, cancellationToken) ?? point;
            _points.Set(blob, point);
        }

        await AppendLinesAsync(blob, point, TranscriptLines.Serialize(entries), cancellationToken);
    }

    public async Task<string?> ArchiveAsync(TranscriptRef transcript, string suffix, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var blob = TranscriptBlobNames.For(transcript);
        var target = TranscriptBlobNames.Archived(blob, suffix, at);
        await _containerInitializer.EnsureCreatedAsync(cancellationToken);
        var download = await _client.DownloadAsync(ContainerName, blob, cancellationToken: cancellationToken);
        _points.Forget(blob);
        if (download is null) return null;

        // Blobs cannot be renamed: copy, then delete the original only if nobody appended since it was read.
        var created = await _client.CreateAppendBlobAsync(ContainerName, target,
            new BlobWriteOptions { Conditions = BlobConditions.CreateOnly, ContentType = ContentType }, cancellationToken);
        for (var offset = 0; offset < download.Content.Length; offset += BlobRestClient.MaxAppendBlockBytes)
        {
            var length = Math.Min(BlobRestClient.MaxAppendBlockBytes, download.Content.Length - offset);
            await _client.AppendBlockAsync(ContainerName, target, download.Content.AsMemory(offset, length),
                new AppendConditions(AppendPosition: offset), cancellationToken);
        }

        try
        {
            await _client.DeleteBlobAsync(ContainerName, blob, BlobConditions.Matching(download.Properties.ETag), cancellationToken);
        }
        catch (BlobRequestException ex) when (ex.IsConditionFailure)
        {
            await _client.DeleteBlobAsync(ContainerName, target, cancellationToken: CancellationToken.None);
            throw new InconsistentStateException($"Transcript '{LocationOf(blob)}' was appended to while it was being archived; it was left in place.");
        }

        return LocationOf(target);
    }

    public async Task<bool> DeleteAsync(TranscriptRef transcript, CancellationToken cancellationToken)
    {
        var blob = TranscriptBlobNames.For(transcript);
        _points.Forget(blob);
        await _containerInitializer.EnsureCreatedAsync(cancellationToken);
        return await _client.DeleteBlobAsync(ContainerName, blob, cancellationToken: cancellationToken);
    }

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

    /// <summary>Appends serialized lines as one block, or as several cut at line boundaries; remembers where they end.</summary>
    private async Task AppendLinesAsync(string blob, AppendPoint point, byte[] lines, CancellationToken cancellationToken)
    {
        foreach (var block in TranscriptLines.Chunk(lines, BlobRestClient.MaxAppendBlockBytes))
        {
            point = await AppendBlockAsync(blob, point, block, cancellationToken);
            _points.Set(blob, point);
        }
    }

    /// <summary>One block at <paramref name="point"/>; a conflict forgets the point (the writer must open again).</summary>
    private async Task<AppendPoint> AppendBlockAsync(string blob, AppendPoint point, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        if (point.BlockCount >= MaxBlockCount) throw Full(blob);
        try
        {
            var result = await _client.AppendBlockAsync(ContainerName, blob, block,
                new AppendConditions(AppendPosition: point.Position, IfMatch: point.ETag), cancellationToken);
            var next = new AppendPoint(result.NewLength, result.ETag, result.CommittedBlockCount);
            if (next.BlockCount >= WarnBlockCount && (next.BlockCount == WarnBlockCount || next.BlockCount % 1000 == 0))
                LogNearBlockLimit(blob, next.BlockCount, MaxBlockCount);
            return next;
        }
        catch (BlobRequestException ex) when (ex.IsConditionFailure || ex.Status == HttpStatusCode.NotFound)
        {
            _points.Forget(blob);
            throw Conflict(blob, point, ex.Status == HttpStatusCode.NotFound ? "it was archived or deleted" : "another writer appended to it");
        }
        catch (BlobRequestException ex) when (ex.ErrorCode == BlobErrorCodes.BlockCountExceedsLimit)
        {
            _points.Forget(blob);
            throw Full(blob);
        }
        catch (Exception ex) when (IsUnknownOutcome(ex) || ex is OperationCanceledException)
        {
            // The block may have landed: look now, or leave it to the next append when this call is cancelled.
            if (cancellationToken.IsCancellationRequested) MarkPending(blob, point, block);
            else if (await TryResolveNowAsync(blob, point, block, cancellationToken) is { } landed) return landed;
            throw;
        }
    }

    /// <summary>The point after the block when it was written; null when it was not, or when that cannot be told now.</summary>
    private async Task<AppendPoint?> TryResolveNowAsync(string blob, AppendPoint point, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        try
        {
            return await ResolveAsync(blob, point, block, cancellationToken);
        }
        catch (Exception ex) when (IsUnknownOutcome(ex) || ex is OperationCanceledException)
        {
            MarkPending(blob, point, block);
            return null;
        }
    }

    /// <summary>
    /// After an append without a clear outcome: the point after the block when it was written, null when it was not
    /// (the blob still ends at the point with its ETag), or a conflict when someone else wrote there.
    /// </summary>
    private async Task<AppendPoint?> ResolveAsync(string blob, AppendPoint point, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        var tail = await _client.DownloadAsync(ContainerName, blob, point.Position, cancellationToken);
        if (tail is not null && tail.Content.Length == 0 && tail.Properties.ETag == point.ETag) return null;
        if (tail is not null && tail.Content.AsSpan().SequenceEqual(block.Span))
        {
            LogAppendResolved(blob);
            return new AppendPoint(tail.Properties.ContentLength, tail.Properties.ETag, tail.Properties.CommittedBlockCount ?? point.BlockCount + 1);
        }

        _points.Forget(blob);
        throw Conflict(blob, point, "another writer appended to it");
    }

    private void MarkPending(string blob, AppendPoint point, ReadOnlyMemory<byte> block)
        => _points.Set(blob, point with { PendingBlock = block.ToArray() });

    private async Task<Exception> NotOpenedAsync(string blob, CancellationToken cancellationToken)
        => await _client.GetPropertiesAsync(ContainerName, blob, cancellationToken) is null
            ? new InvalidOperationException($"Transcript '{LocationOf(blob)}' does not exist; open it before appending.")
            : new InconsistentStateException(
                $"Transcript '{LocationOf(blob)}' is not open on this silo (or its append point was forgotten); open it again before appending.");

    private static bool IsUnknownOutcome(Exception ex)
        => ex is TimeoutException or HttpRequestException || ex is BlobRequestException { IsTransient: true };

    private InconsistentStateException Conflict(string blob, AppendPoint point, string reason)
    {
        LogConflict(blob, point.Position, reason);
        return new InconsistentStateException(
            $"Transcript '{LocationOf(blob)}' cannot be appended at {point.Position.ToString(CultureInfo.InvariantCulture)}: {reason}. " +
            "Open it again before appending.", null, point.Position.ToString(CultureInfo.InvariantCulture));
    }

    private InvalidOperationException Full(string blob)
        => new($"Transcript '{LocationOf(blob)}' reached the append blob limit of {MaxBlockCount} writes; reset the session to start a new transcript.");

    private TranscriptContent Parse(ReadOnlySpan<byte> bytes, string blob)
        => TranscriptLines.Parse(bytes, (exception, line) => LogBadLine(exception, blob, line));

    private string LocationOf(string blob) => $"{_client.Account.BlobEndpoint}{ContainerName}/{blob}";

    [LoggerMessage(2950, LogLevel.Warning, "Transcript {Blob} ended with a damaged entry of {Bytes} bytes; it was closed with a newline and is skipped by readers")]
    private partial void LogTornTail(string blob, int bytes);

    [LoggerMessage(2951, LogLevel.Warning, "Transcript {Blob} line {Line} is not a valid entry; skipped")]
    private partial void LogBadLine(Exception exception, string blob, int line);

    [LoggerMessage(2952, LogLevel.Information, "Transcript {Blob} was not appended at {Position}: {Reason}")]
    private partial void LogConflict(string blob, long position, string reason);

    [LoggerMessage(2953, LogLevel.Warning, "Transcript {Blob} has {Blocks} of at most {MaxBlocks} append blocks; reset the session before it fills up")]
    private partial void LogNearBlockLimit(string blob, int blocks, int maxBlocks);

    [LoggerMessage(2954, LogLevel.Information, "Transcript {Blob}: an append without an answer had been written; carrying on after it")]
    private partial void LogAppendResolved(string blob);
}
