using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// Maps any string (grain type, grain key, state name) to one safe, unique path segment on every common file system.
/// Kept as is: <c>a-z 0-9 - _</c> and inner dots. Upper-case letters become <c>^</c> + the lower-case letter, so two
/// keys differing only in case stay distinct on case-insensitive file systems. Everything else (and a leading or
/// trailing dot, so <c>.</c> and <c>..</c> are never produced) becomes <c>%xx</c> per UTF-8 byte. The empty string is
/// <c>%</c> (no escape is a lone percent). A segment longer than <see cref="MaxSegmentLength"/> is cut and suffixed
/// with <c>~</c> + a SHA-256 of the original (a short segment never contains <c>~</c>, which is escaped). Never change
/// this mapping: stored state is found by it.
/// </summary>
internal static class StorageFileNames
{
    public const int MaxSegmentLength = 120;
    private const int HashedPrefixLength = 48;

    private static readonly HashSet<string> WindowsReservedNames = new(StringComparer.Ordinal)
    {
        "con", "prn", "aux", "nul",
        "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    };

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0) return "%";

        var builder = new StringBuilder(value.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        var index = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            var isEdge = index == 0 || index + rune.Utf16SequenceLength == value.Length;
            index += rune.Utf16SequenceLength;
            var c = rune.Value;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' || (c == '.' && !isEdge))
            {
                builder.Append((char)c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                builder.Append('^').Append((char)(c + ('a' - 'A')));
            }
            else
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                    builder.Append('%').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var escaped = builder.ToString();
        if (IsWindowsReserved(escaped))
            escaped = "%" + ((int)escaped[0]).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + escaped[1..];

        return escaped.Length <= MaxSegmentLength ? escaped : Shorten(value, escaped);
    }

    private static bool IsWindowsReserved(string escaped)
    {
        var dot = escaped.IndexOf('.');
        return WindowsReservedNames.Contains(dot < 0 ? escaped : escaped[..dot]);
    }

    private static string Shorten(string original, string escaped)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(original)));
        var prefix = escaped[..HashedPrefixLength].TrimEnd('.');
        return $"{prefix}~{hash}";
    }
}
