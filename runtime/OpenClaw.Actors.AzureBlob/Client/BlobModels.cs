namespace OpenClaw.Actors.AzureBlob.Client;

/// <summary>A blob's system properties and user metadata, as a HEAD or GET returns them.</summary>
/// <param name="ETag">The blob's ETag, quoted as the service sends it; pass it back verbatim as If-Match.</param>
/// <param name="ContentLength">The whole blob's length in bytes (not the length of a ranged read).</param>
/// <param name="BlobType"><c>BlockBlob</c>, <c>AppendBlob</c> or <c>PageBlob</c>.</param>
/// <param name="LeaseState"><c>available</c>, <c>leased</c>, <c>expired</c>, <c>breaking</c> or <c>broken</c>.</param>
public sealed record BlobProperties(
    string ETag,
    long ContentLength,
    string? BlobType,
    string? LeaseState,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Append blobs only: how many blocks were appended (the service refuses appends past 50,000).</summary>
    public int? CommittedBlockCount { get; init; }
}

/// <summary>Downloaded bytes (all of them, or from an offset to the end) and the blob's properties.</summary>
public sealed record BlobDownload(byte[] Content, BlobProperties Properties);

/// <summary>
/// Preconditions of a write. <see cref="IfMatch"/>: only if the blob still has this ETag. <see cref="IfNoneMatchAny"/>:
/// only if no blob exists (create-only). <see cref="LeaseId"/>: the active lease, required while a blob is leased.
/// </summary>
public readonly record struct BlobConditions(string? IfMatch = null, bool IfNoneMatchAny = false, string? LeaseId = null)
{
    public static BlobConditions CreateOnly => new(IfNoneMatchAny: true);

    public static BlobConditions Matching(string etag) => new(IfMatch: etag);
}

/// <summary>What to store along with a block blob's content.</summary>
public sealed record BlobWriteOptions
{
    public BlobConditions Conditions { get; init; }

    /// <summary>User metadata (<c>x-ms-meta-*</c>): names are C# identifiers, values printable ASCII.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public string ContentType { get; init; } = "application/octet-stream";
}

/// <summary>
/// Preconditions of an append. <see cref="AppendPosition"/>: only if the blob's length is exactly this (so two
/// writers cannot interleave: the second one at the same position fails with <c>AppendPositionConditionNotMet</c>).
/// </summary>
public readonly record struct AppendConditions(long? AppendPosition = null, string? IfMatch = null, string? LeaseId = null);

/// <summary>The outcome of an append: the new ETag and where the block landed.</summary>
/// <param name="AppendOffset">The byte offset the block was written at.</param>
/// <param name="NewLength">The blob's length after this block.</param>
public sealed record AppendBlockResult(string ETag, long AppendOffset, long NewLength, int CommittedBlockCount);

/// <summary>One entry of a listing.</summary>
public sealed record BlobListItem(string Name, string ETag, long ContentLength, string? BlobType, IReadOnlyDictionary<string, string> Metadata);
