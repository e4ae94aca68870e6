using System.Globalization;
using System.Net;

namespace OpenClaw.Actors.AzureBlob.Client;

public sealed partial class BlobRestClient
{
    private static readonly IReadOnlyList<KeyValuePair<string, string>> MetadataQuery = [new("comp", "metadata")];

    /// <summary>The blob's properties and metadata (HEAD); null if there is no such blob.</summary>
    public Task<BlobProperties?> GetPropertiesAsync(string container, string blob, CancellationToken cancellationToken = default)
    {
        Validate(container, blob);
        var resource = BlobPaths.Resource(container, blob);
        return RunAsync("get properties", resource, async token =>
        {
            using var response = await SendAsync(HttpMethod.Head, container, blob, NoQuery, null, null, token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            EnsureSuccess(response, "get properties", resource);
            return BlobHeaders.Properties(response, "get properties", resource);
        }, cancellationToken);
    }

    /// <summary>
    /// Downloads the blob from <paramref name="offset"/> to its end, with its ETag and metadata; null if there is no
    /// such blob. An offset equal to the blob's length gives empty content. Refuses more than
    /// <see cref="BlobRestClientOptions.MaxDownloadBytes"/>.
    /// </summary>
    public async Task<BlobDownload?> DownloadAsync(string container, string blob, long offset = 0, CancellationToken cancellationToken = default)
    {
        Validate(container, blob);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var resource = BlobPaths.Resource(container, blob);
        var download = await RunAsync("download", resource, async token =>
        {
            using var response = await SendAsync(HttpMethod.Get, container, blob, NoQuery,
                offset > 0 ? r => r.Headers.TryAddWithoutValidation("x-ms-range", $"bytes={offset.ToString(CultureInfo.InvariantCulture)}-") : null,
                null, token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.RequestedRangeNotSatisfiable) return null;
            EnsureSuccess(response, "download", resource);
            var length = response.Content.Headers.ContentLength;
            if (length > _options.MaxDownloadBytes)
                throw new InvalidOperationException(
                    $"Blob '{resource}' has {length} bytes to download, more than the {_options.MaxDownloadBytes} allowed.");
            var content = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            return new BlobDownload(content, BlobHeaders.Properties(response, "download", resource));
        }, cancellationToken).ConfigureAwait(false);

        if (download is not null || offset == 0) return download;
        // A range starting at the end is "not satisfiable" for the service, but simply empty for a reader that tails.
        var properties = await GetPropertiesAsync(container, blob, cancellationToken).ConfigureAwait(false);
        if (properties is null) return null;
        if (offset > properties.ContentLength)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Blob '{resource}' has only {properties.ContentLength} bytes.");
        return new BlobDownload([], properties);
    }

    /// <summary>Writes a whole block blob (create or replace) under <paramref name="options"/>' conditions; returns the new ETag.</summary>
    public Task<string> PutBlockBlobAsync(string container, string blob, ReadOnlyMemory<byte> content, BlobWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        Validate(container, blob);
        options ??= new BlobWriteOptions();
        var resource = BlobPaths.Resource(container, blob);
        return RunAsync("put block blob", resource, async token =>
        {
            using var response = await SendAsync(HttpMethod.Put, container, blob, NoQuery, request =>
            {
                request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
                BlobHeaders.AddConditions(request, options.Conditions);
                BlobHeaders.AddMetadata(request, options.Metadata);
            }, BlobHeaders.Content(content, options.ContentType), token).ConfigureAwait(false);
            EnsureSuccess(response, "put block blob", resource);
            return BlobHeaders.ETag(response, "put block blob", resource);
        }, cancellationToken);
    }

    /// <summary>
    /// Replaces the blob's user metadata under <paramref name="conditions"/> (the content is untouched; the ETag
    /// changes, so writers holding the old one are fenced); returns the new ETag.
    /// </summary>
    public Task<string> SetMetadataAsync(string container, string blob, IReadOnlyDictionary<string, string> metadata, BlobConditions conditions = default,
        CancellationToken cancellationToken = default)
    {
        Validate(container, blob);
        ArgumentNullException.ThrowIfNull(metadata);
        var resource = BlobPaths.Resource(container, blob);
        return RunAsync("set metadata", resource, async token =>
        {
            using var response = await SendAsync(HttpMethod.Put, container, blob, MetadataQuery, request =>
            {
                BlobHeaders.AddConditions(request, conditions);
                BlobHeaders.AddMetadata(request, metadata);
            }, null, token).ConfigureAwait(false);
            EnsureSuccess(response, "set metadata", resource);
            return BlobHeaders.ETag(response, "set metadata", resource);
        }, cancellationToken);
    }

    /// <summary>Deletes a blob under <paramref name="conditions"/>; false if there was none (whatever the conditions).</summary>
    public Task<bool> DeleteBlobAsync(string container, string blob, BlobConditions conditions = default, CancellationToken cancellationToken = default)
    {
        Validate(container, blob);
        var resource = BlobPaths.Resource(container, blob);
        return RunAsync("delete blob", resource, async token =>
        {
            using var response = await SendAsync(HttpMethod.Delete, container, blob, NoQuery,
                request => BlobHeaders.AddConditions(request, conditions), null, token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            EnsureSuccess(response, "delete blob", resource);
            return true;
        }, cancellationToken);
    }

    private static void Validate(string container, string blob)
    {
        BlobPaths.ValidateContainer(container);
        BlobPaths.ValidateBlob(blob);
    }
}
