using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace OpenClaw.Actors.AzureBlob.Client;

public sealed partial class BlobRestClient
{
    /// <summary>The most entries the service returns per listing page.</summary>
    public const int MaxListPageSize = 5000;

    /// <summary>
    /// Lists the blobs whose names start with <paramref name="prefix"/>, in name order, with their metadata, one page
    /// of <paramref name="pageSize"/> at a time (so memory is bounded by the page, not by the container).
    /// </summary>
    public async IAsyncEnumerable<BlobListItem> ListBlobsAsync(string container, string? prefix = null, int pageSize = 1000,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobPaths.ValidateContainer(container);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxListPageSize);
        string? marker = null;
        do
        {
            var (items, next) = await ListPageAsync(container, prefix, pageSize, marker, cancellationToken).ConfigureAwait(false);
            foreach (var item in items) yield return item;
            marker = next;
        }
        while (!string.IsNullOrEmpty(marker));
    }

    private Task<(List<BlobListItem> Items, string? NextMarker)> ListPageAsync(string container, string? prefix, int pageSize, string? marker, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("restype", "container"),
            new("comp", "list"),
            new("include", "metadata"),
            new("maxresults", pageSize.ToString(CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrEmpty(prefix)) query.Add(new("prefix", prefix));
        if (!string.IsNullOrEmpty(marker)) query.Add(new("marker", marker));

        return RunAsync("list blobs", container, async token =>
        {
            using var response = await SendAsync(HttpMethod.Get, container, null, query, null, null, token).ConfigureAwait(false);
            EnsureSuccess(response, "list blobs", container);
            await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            var document = await XDocument.LoadAsync(body, LoadOptions.None, token).ConfigureAwait(false);
            return ParseListing(document);
        }, cancellationToken);
    }

    private static (List<BlobListItem> Items, string? NextMarker) ParseListing(XDocument document)
    {
        var root = document.Root ?? throw new InvalidOperationException("The blob listing is empty.");
        var items = new List<BlobListItem>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var properties = blob.Element("Properties");
            var metadata = (blob.Element("Metadata")?.Elements() ?? [])
                .ToDictionary(e => e.Name.LocalName.ToLowerInvariant(), e => e.Value, StringComparer.OrdinalIgnoreCase);
            long.TryParse(properties?.Element("Content-Length")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var length);
            items.Add(new BlobListItem(
                blob.Element("Name")?.Value ?? "",
                QuotedETag(properties?.Element("Etag")?.Value ?? ""),
                length,
                properties?.Element("BlobType")?.Value,
                metadata));
        }

        return (items, root.Element("NextMarker")?.Value);
    }

    /// <summary>Listings give ETags without quotes; headers (and If-Match) use the quoted form.</summary>
    private static string QuotedETag(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";
}
