using System.Globalization;
using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Actors.AzureBlob.Logs;

/// <summary>
/// An append-only log in one append blob: the transcript primitive of cluster mode. Every append names the position
/// (the byte length) it expects the log to end at, and the service appends only if that still holds, so two writers
/// (a stale activation and its successor) cannot interleave: the loser gets <see cref="InconsistentStateException"/>
/// and must re-read before it writes again. One append is one block of at most
/// <see cref="BlobRestClient.MaxAppendBlockBytes"/>, written entirely or not at all. The container must exist.
/// </summary>
public sealed class AppendBlobLog
{
    private readonly BlobRestClient _client;

    public AppendBlobLog(BlobRestClient client, string container, string blobName)
    {
        ArgumentNullException.ThrowIfNull(client);
        BlobPaths.ValidateContainer(container);
        BlobPaths.ValidateBlob(blobName);
        _client = client;
        Container = container;
        BlobName = blobName;
    }

    public string Container { get; }

    public string BlobName { get; }

    /// <summary>Creates the log when it does not exist; returns its length, the position of the next append.</summary>
    public async Task<long> CreateIfMissingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.CreateAppendBlobAsync(Container, BlobName, new BlobWriteOptions { Conditions = BlobConditions.CreateOnly }, cancellationToken)
                .ConfigureAwait(false);
            return 0;
        }
        catch (BlobRequestException ex) when (ex.IsConditionFailure)
        {
            var properties = await _client.GetPropertiesAsync(Container, BlobName, cancellationToken).ConfigureAwait(false)
                             ?? throw new InvalidOperationException($"Log '{Location}' was deleted while it was being created.");
            if (properties.BlobType != "AppendBlob")
                throw new InvalidOperationException($"'{Location}' exists but is a {properties.BlobType}, not an append blob.");
            return properties.ContentLength;
        }
    }

    /// <summary>
    /// Appends <paramref name="data"/> if the log still ends at <paramref name="expectedPosition"/>; returns the new
    /// end. Throws <see cref="InconsistentStateException"/> (stored = the actual end, current = the expected one) when
    /// someone else appended first. After a timeout the outcome is unknown: re-read before retrying.
    /// </summary>
    public async Task<long> AppendAsync(ReadOnlyMemory<byte> data, long expectedPosition, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedPosition);
        try
        {
            var result = await _client.AppendBlockAsync(Container, BlobName, data, new AppendConditions(AppendPosition: expectedPosition), cancellationToken)
                .ConfigureAwait(false);
            return result.NewLength;
        }
        catch (BlobRequestException ex) when (ex.ErrorCode == BlobErrorCodes.AppendPositionConditionNotMet)
        {
            var actual = (await _client.GetPropertiesAsync(Container, BlobName, cancellationToken).ConfigureAwait(false))?.ContentLength;
            var stored = actual?.ToString(CultureInfo.InvariantCulture);
            var expected = expectedPosition.ToString(CultureInfo.InvariantCulture);
            throw new InconsistentStateException(
                $"Log '{Location}' was appended to by someone else: it ends at {stored ?? "(missing)"}, the writer expected {expected}.",
                stored, expected);
        }
    }

    /// <summary>
    /// The log's bytes from <paramref name="fromPosition"/> to its end and the end position; null when the log does
    /// not exist. Bounded by <see cref="BlobRestClientOptions.MaxDownloadBytes"/>: read long logs in steps.
    /// </summary>
    public async Task<AppendBlobLogContent?> ReadAsync(long fromPosition = 0, CancellationToken cancellationToken = default)
    {
        var download = await _client.DownloadAsync(Container, BlobName, fromPosition, cancellationToken).ConfigureAwait(false);
        return download is null ? null : new AppendBlobLogContent(download.Content, download.Properties.ContentLength);
    }

    private string Location => $"{Container}/{BlobName}";
}

/// <summary>Bytes read from a log and the log's length when they were read (the position for the next append).</summary>
public sealed record AppendBlobLogContent(byte[] Content, long EndPosition);
