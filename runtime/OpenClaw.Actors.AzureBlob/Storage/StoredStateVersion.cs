using System.Globalization;
using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Actors.AzureBlob.Storage;

/// <summary>
/// What a state blob says about itself, from its metadata: the state's version (the grain-facing ETag), whether it is
/// a tombstone left by a clear, and the blob's own ETag, which every conditional write is made against.
/// </summary>
internal sealed record StoredStateVersion(long Version, bool IsTombstone, string BlobETag)
{
    public const string VersionMetadata = "stateversion";
    public const string TombstoneMetadata = "tombstone";

    /// <summary>The grain-facing ETag: the version of a live record, null for a tombstone.</summary>
    public string? StateETag => IsTombstone ? null : FormatVersion(Version);

    public static string FormatVersion(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseVersion(string? etag, out long version)
        => long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;

    public static StoredStateVersion FromProperties(BlobProperties properties, string location)
    {
        if (!TryParseVersion(properties.Metadata.GetValueOrDefault(VersionMetadata), out var version))
            throw new GrainStateBlobCorruptedException(location, $"its '{VersionMetadata}' metadata is missing or not a version number");
        var tombstone = string.Equals(properties.Metadata.GetValueOrDefault(TombstoneMetadata), "true", StringComparison.OrdinalIgnoreCase);
        return new StoredStateVersion(version, tombstone, properties.ETag);
    }

    public static Dictionary<string, string> Metadata(long version, bool tombstone)
    {
        var metadata = new Dictionary<string, string> { [VersionMetadata] = FormatVersion(version) };
        if (tombstone) metadata[TombstoneMetadata] = "true";
        return metadata;
    }
}
