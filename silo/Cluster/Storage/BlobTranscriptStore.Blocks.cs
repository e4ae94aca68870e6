using System.Globalization;
using System.Net;
using OpenClaw.Actors;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Silo.Cluster.Storage;

/// <summary>Conditional appends to a transcript's last part, and settling appends that got no answer.</summary>
public sealed partial class BlobTranscriptStore
{
    /// <summary>From this many blocks in one part on, a rollover is near: logged every 1,000 blocks.</summary>
    private int WarnBlockCount => _options.MaxBlocksPerPart - Math.Min(5_000, _options.MaxBlocksPerPart / 10);

    /// <summary>Appends serialized lines as one block, or as several cut at line boundaries; remembers where they end.</summary>
    private async Task AppendLinesAsync(string blob, AppendPoint point, byte[] lines, CancellationToken cancellationToken)
    {
        foreach (var block in TranscriptLines.Chunk(lines, BlobRestClient.MaxAppendBlockBytes))
        {
            point = await AppendBlockAsync(blob, point, block, cancellationToken);
            _points.Set(blob, point);
        }
    }

    /// <summary>
    /// One block after <paramref name="point"/>, in the next part when the current one is full; a conflict forgets the
    /// point (the writer must open again).
    /// </summary>
    private async Task<AppendPoint> AppendBlockAsync(string blob, AppendPoint point, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        if (IsFull(point, block.Length)) point = await RollOverAsync(blob, point, cancellationToken);
        var part = TranscriptParts.BlobOf(blob, point.Part);
        try
        {
            var result = await _client.AppendBlockAsync(ContainerName, part, block,
                new AppendConditions(AppendPosition: point.Position, IfMatch: point.ETag), cancellationToken);
            var next = new AppendPoint(point.Part, result.NewLength, result.ETag, result.CommittedBlockCount);
            if (next.BlockCount >= WarnBlockCount && (next.BlockCount == WarnBlockCount || next.BlockCount % 1000 == 0))
                LogNearBlockLimit(part, next.BlockCount, _options.MaxBlocksPerPart);
            return next;
        }
        catch (BlobRequestException ex) when (ex.IsConditionFailure || IsGone(ex))
        {
            _points.Forget(blob);
            throw Conflict(part, point, IsGone(ex) ? "it was archived or deleted" : "another writer appended to it");
        }
        catch (BlobRequestException ex) when (ex.ErrorCode == BlobErrorCodes.BlockCountExceedsLimit)
        {
            // The service's limit came first (it checks it before the conditions): full only if nobody else wrote.
            var full = await FullAtServiceLimitAsync(blob, point, cancellationToken);
            return await AppendBlockAsync(blob, full, block, cancellationToken);
        }
        catch (Exception ex) when (IsUnknownOutcome(ex) || ex is OperationCanceledException)
        {
            // The block may have landed: look now, or leave it to the next append when this call is cancelled.
            if (cancellationToken.IsCancellationRequested) MarkPending(blob, point, block);
            else if (await TryResolveNowAsync(blob, point, block, cancellationToken) is { } landed) return landed;
            throw;
        }
    }

    private bool IsFull(AppendPoint point, int blockLength)
        => point.Sealed
           || point.BlockCount >= _options.MaxBlocksPerPart
           || (point.Position > 0 && point.Position + blockLength > _options.MaxPartBytes);

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
    /// (the part still ends at the point with its ETag), or a conflict when someone else wrote there.
    /// </summary>
    private async Task<AppendPoint?> ResolveAsync(string blob, AppendPoint point, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        var part = TranscriptParts.BlobOf(blob, point.Part);
        var tail = await _client.DownloadAsync(ContainerName, part, point.Position, cancellationToken);
        if (tail is not null && tail.Content.Length == 0 && tail.Properties.ETag == point.ETag) return null;
        if (tail is not null && tail.Content.AsSpan().SequenceEqual(block.Span))
        {
            LogAppendResolved(part);
            return new AppendPoint(point.Part, tail.Properties.ContentLength, tail.Properties.ETag, tail.Properties.CommittedBlockCount ?? point.BlockCount + 1);
        }

        _points.Forget(blob);
        throw Conflict(part, point, "another writer appended to it");
    }

    private void MarkPending(string blob, AppendPoint point, ReadOnlyMemory<byte> block)
        => _points.Set(blob, point with { PendingBlock = block.ToArray() });

    private InconsistentStateException Conflict(string part, AppendPoint point, string reason)
    {
        LogConflict(part, point.Position, reason);
        return new InconsistentStateException(
            $"Transcript '{LocationOf(part)}' cannot be appended at {point.Position.ToString(CultureInfo.InvariantCulture)}: {reason}. " +
            "Open it again before appending.", null, point.Position.ToString(CultureInfo.InvariantCulture));
    }

    [LoggerMessage(2952, LogLevel.Information, "Transcript {Blob} was not appended at {Position}: {Reason}")]
    private partial void LogConflict(string blob, long position, string reason);

    [LoggerMessage(2953, LogLevel.Information, "Transcript part {Blob} has {Blocks} of at most {MaxBlocks} append blocks; the transcript continues in a new part after that")]
    private partial void LogNearBlockLimit(string blob, int blocks, int maxBlocks);

    [LoggerMessage(2954, LogLevel.Information, "Transcript {Blob}: an append without an answer had been written; carrying on after it")]
    private partial void LogAppendResolved(string blob);
}
