namespace OpenClaw.Configuration.Json5;

/// <summary>RFC 6901 JSON pointers, the keys of the position map, and their dotted config-path form.</summary>
public static class JsonPointer
{
    /// <summary>The pointer of the document root.</summary>
    public const string Root = "";

    public static string Append(string parent, string propertyName) =>
        $"{parent}/{propertyName.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";

    public static string Append(string parent, int index) => $"{parent}/{index}";

    /// <summary>The unescaped segments of a pointer.</summary>
    public static IReadOnlyList<string> Segments(string pointer) =>
        pointer.Length == 0
            ? []
            : pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    /// <summary><c>/gateway/auth/token</c> → <c>gateway.auth.token</c>; array indexes become <c>[n]</c>: <c>models.list[0].id</c>.</summary>
    public static string ToDottedPath(string pointer)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var segment in Segments(pointer))
        {
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(segment).Append(']');
                continue;
            }
            if (builder.Length > 0)
            {
                builder.Append('.');
            }
            builder.Append(segment);
        }
        return builder.ToString();
    }
}
