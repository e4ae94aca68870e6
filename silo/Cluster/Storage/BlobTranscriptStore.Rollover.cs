using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Silo.Cluster.Storage;

/// <summary>Continuing a transcript in its next part when the last one is full (see <see cref="TranscriptParts"/>).</summary>
public sealed partial class BlobTranscriptStore
{
    /// <summary>Seals the point's part (unless it is sealed already) and moves on to the next part: created, or taken over while still empty.</summary>
    private async Task<AppendPoint> RollOverAsync(string blob, AppendPoint point, CancellationToken cancellationToken)
    {
        if (!point.Sealed) point = await SealAsync(blob, point, cancellationToken);
        var number = point.Part + 1;
        if (number > TranscriptParts.MaxParts)
            throw new InvalidOperationException($"Transcript '{LocationOf(blob)}' has {TranscriptParts.MaxParts} parts; reset the session to start a new transcript.");
        var next = TranscriptParts.BlobOf(blob, number);
        string etag;
        try
        {
            etag = await _client.CreateAppendBlobAsync(ContainerName, next,
                new BlobWriteOptions { Conditions = BlobConditions.CreateOnly, ContentType = ContentType }, cancellationToken);
        }
        catch (Exception ex) when (ex is BlobRequestException { IsConditionFailure: true } || IsUnknownOutcome(ex))
        {
            // Created by another writer that sealed the same unchanged part, or by our own create whose answer was lost.
            // Still empty, it holds nothing this writer has not seen: the first append to it wins.
            var properties = await _client.GetPropertiesAsync(ContainerName, next, cancellationToken);
            if (properties is null || properties.ContentLength != 0 || TranscriptParts.IsSealed(properties) || TranscriptParts.IsArchiving(properties))
            {
                _points.Forget(blob);
                throw Conflict(next, new AppendPoint(number, 0, "", 0), "another writer continued the transcript there");
            }

            etag = properties.ETag;
        }

        var moved = new AppendPoint(number, 0, etag, 0);
        _points.Set(blob, moved);
        LogRolledOver(blob, number, point.BlockCount, point.Position);
        return moved;
    }

    /// <summary>Marks the point's part full, under If-Match on the ETag the writer last saw (which fences every other writer of that part).</summary>
    private async Task<AppendPoint> SealAsync(string blob, AppendPoint point, CancellationToken cancellationToken)
    {
        var part = TranscriptParts.BlobOf(blob, point.Part);
        try
        {
            var etag = await _client.SetMetadataAsync(ContainerName, part, TranscriptParts.SealedMetadata(point.Part),
                BlobConditions.Matching(point.ETag), cancellationToken);
            return Remember(blob, point with { ETag = etag, Sealed = true });
        }
        catch (Exception ex) when (ex is BlobRequestException { IsConditionFailure: true } || IsUnknownOutcome(ex))
        {
            return await SealedMeanwhileAsync(blob, part, point, cancellationToken);
        }
        catch (BlobRequestException ex) when (IsGone(ex))
        {
            _points.Forget(blob);
            throw Conflict(part, point, "it was archived or deleted");
        }
    }

    /// <summary>
    /// After a seal that failed its condition or got no answer: fine when the part is sealed and still ends where this
    /// writer saw it end (sealed by our own request, or by another writer that had seen the same content); otherwise
    /// someone appended meanwhile, a conflict.
    /// </summary>
    private async Task<AppendPoint> SealedMeanwhileAsync(string blob, string part, AppendPoint point, CancellationToken cancellationToken)
    {
        var properties = await _client.GetPropertiesAsync(ContainerName, part, cancellationToken);
        if (properties is not null && TranscriptParts.IsSealed(properties) && !TranscriptParts.IsArchiving(properties)
            && properties.ContentLength == point.Position)
            return Remember(blob, point with { ETag = properties.ETag, Sealed = true });

        _points.Forget(blob);
        throw Conflict(part, point, properties is null ? "it was archived or deleted" : "another writer appended to it");
    }

    /// <summary>
    /// The service refused an append for its block limit although this writer's view had room (a configured
    /// <see cref="BlobTranscriptStoreOptions.MaxBlocksPerPart"/> above the service's, or blocks written by something
    /// else): the part is full and sealed if it still has the writer's ETag, else someone else appended (conflict).
    /// </summary>
    private async Task<AppendPoint> FullAtServiceLimitAsync(string blob, AppendPoint point, CancellationToken cancellationToken)
    {
        var part = TranscriptParts.BlobOf(blob, point.Part);
        if (point.Sealed || point.BlockCount == 0)
            throw new InvalidOperationException($"The service refused the first append to '{LocationOf(part)}' for its block limit.");
        var properties = await _client.GetPropertiesAsync(ContainerName, part, cancellationToken);
        if (properties is null || properties.ETag != point.ETag)
        {
            _points.Forget(blob);
            throw Conflict(part, point, properties is null ? "it was archived or deleted" : "another writer appended to it");
        }

        LogServiceBlockLimit(part, properties.CommittedBlockCount ?? point.BlockCount);
        return await SealAsync(blob, point with { BlockCount = properties.CommittedBlockCount ?? point.BlockCount }, cancellationToken);
    }

    private AppendPoint Remember(string blob, AppendPoint point)
    {
        _points.Set(blob, point);
        return point;
    }

    [LoggerMessage(2955, LogLevel.Information, "Transcript {Blob} continues in part {Part} (the previous part holds {Blocks} blocks, {Bytes} bytes)")]
    private partial void LogRolledOver(string blob, int part, int blocks, long bytes);

    [LoggerMessage(2956, LogLevel.Warning, "Transcript part {Blob} was refused an append at the service's block limit ({Blocks} blocks); sealing it and continuing in a new part")]
    private partial void LogServiceBlockLimit(string blob, int blocks);
}
