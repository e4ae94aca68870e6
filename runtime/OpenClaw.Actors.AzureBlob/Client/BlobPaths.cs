using System.Text;

namespace OpenClaw.Actors.AzureBlob.Client;

/// <summary>Validates container and blob names and turns them into the escaped relative URL of a request.</summary>
internal static class BlobPaths
{
    private const int MaxBlobNameLength = 1024;

    /// <summary>Container names: 3–63 characters, lower-case letters, digits and single inner hyphens.</summary>
    public static bool IsValidContainerName(string? name)
        => name is { Length: >= 3 and <= 63 }
           && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
           && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);

    public static void ValidateContainer(string container)
    {
        if (!IsValidContainerName(container))
            throw new ArgumentException(
                $"'{container}' is not a valid container name (3-63 lower-case letters, digits and single inner hyphens).",
                nameof(container));
    }

    public static void ValidateBlob(string blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length is 0 or > MaxBlobNameLength)
            throw new ArgumentException($"A blob name has 1 to {MaxBlobNameLength} characters.", nameof(blob));
        // The URL layer would collapse these segments and address another blob.
        if (blob.Split('/').Any(segment => segment is "." or ".."))
            throw new ArgumentException("A blob name must not contain '.' or '..' path segments.", nameof(blob));
    }

    /// <summary>The path and query relative to the account endpoint, each part escaped.</summary>
    public static string Relative(string container, string? blob, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var builder = new StringBuilder(container);
        if (blob is not null)
        {
            foreach (var segment in blob.Split('/'))
                builder.Append('/').Append(Uri.EscapeDataString(segment));
        }

        for (var i = 0; i < query.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(query[i].Key)).Append('=').Append(Uri.EscapeDataString(query[i].Value));
        }

        return builder.ToString();
    }

    public static string Resource(string container, string? blob) => blob is null ? container : $"{container}/{blob}";
}
