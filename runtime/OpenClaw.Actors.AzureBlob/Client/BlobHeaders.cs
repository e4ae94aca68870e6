using System.Globalization;
using System.Net.Http.Headers;

namespace OpenClaw.Actors.AzureBlob.Client;

/// <summary>Writes request headers the Blob service reads and reads the ones it answers with.</summary>
internal static class BlobHeaders
{
    public const string MetadataPrefix = "x-ms-meta-";

    public static void AddConditions(HttpRequestMessage request, BlobConditions conditions)
    {
        if (conditions.IfMatch is not null && conditions.IfNoneMatchAny)
            throw new ArgumentException("IfMatch and IfNoneMatchAny exclude each other.", nameof(conditions));
        if (conditions.IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", conditions.IfMatch);
        if (conditions.IfNoneMatchAny) request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        AddLease(request, conditions.LeaseId);
    }

    public static void AddLease(HttpRequestMessage request, string? leaseId)
    {
        if (leaseId is not null) request.Headers.TryAddWithoutValidation("x-ms-lease-id", leaseId);
    }

    public static void AddMetadata(HttpRequestMessage request, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null) return;
        foreach (var (name, value) in metadata)
        {
            if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw new ArgumentException($"Metadata name '{name}' is not a C# identifier.", nameof(metadata));
            if (!value.All(c => c is >= ' ' and <= '~') || value.Trim().Length != value.Length)
                throw new ArgumentException($"Metadata '{name}' must be printable ASCII without outer spaces.", nameof(metadata));
            request.Headers.TryAddWithoutValidation(MetadataPrefix + name.ToLowerInvariant(), value);
        }
    }

    public static HttpContent Content(ReadOnlyMemory<byte> bytes, string contentType)
    {
        var content = new ReadOnlyMemoryContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        // ReadOnlyMemoryContent does not report its length by itself before it is sent; the signature needs it now.
        content.Headers.ContentLength = bytes.Length;
        return content;
    }

    public static BlobProperties Properties(HttpResponseMessage response, string operation, string resource)
    {
        var etag = response.Headers.ETag?.ToString()
                   ?? throw new InvalidOperationException($"Blob {operation} on '{resource}' answered without an ETag.");
        return new BlobProperties(
            etag,
            TotalLength(response),
            Single(response, "x-ms-blob-type"),
            Single(response, "x-ms-lease-state"),
            Metadata(response))
        {
            CommittedBlockCount = int.TryParse(Single(response, "x-ms-blob-committed-block-count"), NumberStyles.None, CultureInfo.InvariantCulture, out var blocks)
                ? blocks
                : null,
        };
    }

    public static string ETag(HttpResponseMessage response, string operation, string resource)
        => response.Headers.ETag?.ToString()
           ?? throw new InvalidOperationException($"Blob {operation} on '{resource}' answered without an ETag.");

    public static string? Single(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public static long Long(HttpResponseMessage response, string name, string operation)
        => long.TryParse(Single(response, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"Blob {operation} answered without a valid {name} header.");

    /// <summary>
    /// A ranged read reports the blob's full length after the slash of Content-Range (<c>bytes 5-9/10</c>). Read raw:
    /// Azurite answers an empty range at the end as <c>bytes 10-9/10</c>, which the typed header parser rejects.
    /// </summary>
    private static long TotalLength(HttpResponseMessage response)
    {
        if (response.Content.Headers.NonValidated.TryGetValues("Content-Range", out var ranges))
        {
            var range = ranges.ToString();
            var slash = range.LastIndexOf('/');
            if (slash >= 0 && long.TryParse(range.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
                return total;
        }

        return response.Content.Headers.ContentLength ?? 0;
    }

    private static Dictionary<string, string> Metadata(HttpResponseMessage response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            if (name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
                metadata[name[MetadataPrefix.Length..].ToLowerInvariant()] = string.Join(',', values);
        }

        return metadata;
    }
}
