using System.Globalization;

namespace OpenClaw.Actors.AzureBlob.Client;

public sealed partial class BlobRestClient
{
    /// <summary>The largest block one append may carry (service limit for version 2019-12-12 and later is 100 MiB;
    /// we keep the classic 4 MiB so a transcript line never becomes one huge request).</summary>
    public const int MaxAppendBlockBytes = 4 * 1024 * 1024;

    private static readonly IReadOnlyList<KeyValuePair<string, string>> AppendBlockQuery = [new("comp", "appendblock")];

    /// <summary>Creates an empty append blob under <paramref name="options"/>' conditions; returns its ETag.</summary>
    public Task<string> CreateAppendBlobAsync(string container, string blob, BlobWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        Validate(container, blob);
        options ??= new BlobWriteOptions();
        var resource = BlobPaths.Resource(container, blob);
        return RunAsync("create append blob", resource, async token =>
        {
            using var response = await SendAsync(HttpMethod.Put, container, blob, NoQuery, request =>
            {
                request.Headers.TryAddWithoutValidation("x-ms-blob-type", "AppendBlob");
                request.Headers.TryAddWithoutValidation("x-ms-blob-content-type", options.ContentType);
                BlobHeaders.AddConditions(request, options.Conditions);
                BlobHeaders.AddMetadata(request, options.Metadata);
            }, null, token).ConfigureAwait(false);
            EnsureSuccess(response, "create append blob", resource);
            return BlobHeaders.ETag(response, "create append blob", resource);
        }, cancellationToken);
    }

    /// <summary>
    /// Appends one block to an append blob under <paramref name="conditions"/>. With
    /// <see cref="AppendConditions.AppendPosition"/> set, it fails with 412 <c>AppendPositionConditionNotMet</c> unless
    /// the blob's length is exactly that position.
    /// </summary>
    public Task<AppendBlockResult> AppendBlockAsync(string container, string blob, ReadOnlyMemory<byte> block, AppendConditions conditions = default, CancellationToken cancellationToken = default)
    {
        Validate(container, blob);
        if (block.Length is 0 or > MaxAppendBlockBytes)
            throw new ArgumentOutOfRangeException(nameof(block), block.Length, $"An appended block has 1 to {MaxAppendBlockBytes} bytes.");
        if (conditions.AppendPosition < 0)
            throw new ArgumentOutOfRangeException(nameof(conditions), conditions.AppendPosition, "The append position cannot be negative.");
        var resource = BlobPaths.Resource(container, blob);
        return RunAsync("append block", resource, async token =>
        {
            using var response = await SendAsync(HttpMethod.Put, container, blob, AppendBlockQuery, request =>
            {
                if (conditions.AppendPosition is { } position)
                    request.Headers.TryAddWithoutValidation("x-ms-blob-condition-appendpos", position.ToString(CultureInfo.InvariantCulture));
                BlobHeaders.AddConditions(request, new BlobConditions(IfMatch: conditions.IfMatch, LeaseId: conditions.LeaseId));
            }, BlobHeaders.Content(block, "application/octet-stream"), token).ConfigureAwait(false);
            EnsureSuccess(response, "append block", resource);
            var offset = BlobHeaders.Long(response, "x-ms-blob-append-offset", "append block");
            var blocks = BlobHeaders.Long(response, "x-ms-blob-committed-block-count", "append block");
            return new AppendBlockResult(BlobHeaders.ETag(response, "append block", resource), offset, offset + block.Length, (int)blocks);
        }, cancellationToken);
    }
}
