namespace OpenClaw.Actors.AzureBlob.Storage;

/// <summary>
/// The first blob name segment that keeps clusters sharing one storage account apart: <c>&lt;clusterId&gt;/</c> in
/// front of every grain state, transcript and reminder blob of that cluster, or nothing for the default cluster
/// (so a single-cluster deployment keeps the plain layout). The id is escaped like a state name segment
/// (<see cref="StateBlobNames.Escape"/>: ordinary ids such as <c>blue</c> or <c>eu-1</c> stay as they are), so it can
/// never add a path level. Prefixed names always have one segment more than the default layout's, so the two never
/// collide.
/// </summary>
public static class ClusterBlobNames
{
    /// <summary><c>""</c> for null (the default cluster), else the escaped id and a slash.</summary>
    public static string Prefix(string? clusterId)
    {
        if (clusterId is null) return "";
        if (string.IsNullOrWhiteSpace(clusterId))
            throw new ArgumentException("A cluster id is null (the default cluster) or a non-empty name.", nameof(clusterId));
        return StateBlobNames.Escape(clusterId) + "/";
    }
}
