using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Actors.AzureBlob.Storage;

/// <summary>
/// Maps grain type, grain key and state name to blob name segments: <c>&lt;type&gt;/&lt;key&gt;/&lt;state&gt;.json</c>.
/// Kept as is: <c>A-Z a-z 0-9 - _</c> and inner dots (blob names are case-sensitive). Everything else, including
/// <c>/</c>, <c>~</c> and a leading or trailing dot, becomes <c>~xx</c> per UTF-8 byte, so every segment is URL-safe
/// and no key can add a path level or a <c>.</c>/<c>..</c> segment. The empty string is <c>~</c>. A segment longer
/// than <see cref="MaxSegmentLength"/> is cut and suffixed with <c>~~</c> + a SHA-256 of the original (an unshortened
/// segment never contains <c>~~</c>), which keeps the whole name under the 1024-character limit. Never change this
/// mapping: stored state is found by it.
/// </summary>
internal static class StateBlobNames
{
    public const int MaxSegmentLength = 200;
    private const int HashedPrefixLength = 100;
    private const string Extension = ".json";

    public static string For(GrainId grainId, string stateName)
        => $"{Escape(grainId.Type.Value)}/{Escape(grainId.Key)}/{Escape(stateName)}{Extension}";

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0) return "~";

        var builder = new StringBuilder(value.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        var index = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            var isEdge = index == 0 || index + rune.Utf16SequenceLength == value.Length;
            index += rune.Utf16SequenceLength;
            var c = rune.Value;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' || (c == '.' && !isEdge))
            {
                builder.Append((char)c);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
                builder.Append('~').Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        var escaped = builder.ToString();
        return escaped.Length <= MaxSegmentLength ? escaped : Shorten(value, escaped);
    }

    private static string Shorten(string original, string escaped)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(original)));
        return $"{escaped[..HashedPrefixLength]}~~{hash}";
    }
}
