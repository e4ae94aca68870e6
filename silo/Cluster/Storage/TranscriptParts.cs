using System.Globalization;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Silo.Cluster.Storage;

/// <summary>One append blob of a transcript: part 1 has the transcript's own name, part n &gt; 1 <c>&lt;name&gt;.part-0000n</c>.</summary>
internal sealed record TranscriptPart(int Number, string Blob, BlobDownload Download)
{
    public BlobProperties Properties => Download.Properties;

    /// <summary>Full: the transcript continues in part <see cref="Number"/> + 1 (which may not exist yet).</summary>
    public bool IsSealed => TranscriptParts.IsSealed(Properties);
}

/// <summary>
/// The parts a transcript is made of, and the metadata that links them. A part is sealed by setting its metadata
/// <c>nextpart</c> with If-Match on the ETag its writer last saw: that both says "read on in the next part" and, by
/// changing the ETag, fences every writer that still holds the old one. <c>archiving</c> marks parts whose transcript
/// is being moved aside (see <c>BlobTranscriptStore.ArchiveAsync</c>).
/// </summary>
internal static class TranscriptParts
{
    public const string NextPartKey = "nextpart";
    public const string ArchivingKey = "archiving";

    /// <summary>Bounds the walk along the chain (a part holds up to 50,000 appends; this is far beyond any transcript).</summary>
    public const int MaxParts = 100_000;

    public static string BlobOf(string firstPart, int number)
        => number == 1 ? firstPart : $"{firstPart}.part-{number.ToString("D5", CultureInfo.InvariantCulture)}";

    public static bool IsSealed(BlobProperties properties) => properties.Metadata.ContainsKey(NextPartKey);

    public static bool IsArchiving(BlobProperties properties) => properties.Metadata.ContainsKey(ArchivingKey);

    public static Dictionary<string, string> SealedMetadata(int number)
        => new() { [NextPartKey] = (number + 1).ToString(CultureInfo.InvariantCulture) };

    public static Dictionary<string, string> ArchivingMetadata(BlobProperties properties)
        => new(properties.Metadata) { [ArchivingKey] = "1" };

    /// <summary>
    /// Part 1 and every part it continues in, in order; empty when there is no part 1. The last one is either not
    /// sealed (the one being appended to) or sealed with no next part yet (a rollover that stopped after sealing).
    /// </summary>
    public static async Task<IReadOnlyList<TranscriptPart>> DownloadAsync(BlobRestClient client, string container, string firstPart, CancellationToken cancellationToken)
    {
        var parts = new List<TranscriptPart>();
        for (var number = 1; number <= MaxParts; number++)
        {
            var blob = BlobOf(firstPart, number);
            var download = await client.DownloadAsync(container, blob, cancellationToken: cancellationToken);
            if (download is null) break;
            parts.Add(new TranscriptPart(number, blob, download));
            if (!IsSealed(download.Properties)) break;
        }

        return parts;
    }

    /// <summary>The names of part 1 and every part it continues in, from their properties only (for deleting).</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(BlobRestClient client, string container, string firstPart, CancellationToken cancellationToken)
    {
        var blobs = new List<string>();
        for (var number = 1; number <= MaxParts; number++)
        {
            var blob = BlobOf(firstPart, number);
            var properties = await client.GetPropertiesAsync(container, blob, cancellationToken);
            if (properties is null) break;
            blobs.Add(blob);
            if (!IsSealed(properties)) break;
        }

        return blobs;
    }

    /// <summary>
    /// The parts' bytes one after another. A part that does not end with a newline (only a torn tail moved in from
    /// elsewhere can) gets one, so its damaged line never swallows the next part's first line.
    /// </summary>
    public static byte[] Concatenate(IReadOnlyList<TranscriptPart> parts)
    {
        if (parts.Count == 1) return parts[0].Download.Content;
        var buffer = new MemoryStream();
        for (var i = 0; i < parts.Count; i++)
        {
            var content = parts[i].Download.Content;
            buffer.Write(content);
            if (i < parts.Count - 1 && content.Length > 0 && content[^1] != TranscriptLines.NewLine) buffer.WriteByte(TranscriptLines.NewLine);
        }

        return buffer.ToArray();
    }
}
