using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpenClaw.Gateway.Rpc;

/// <summary>
/// Rewrites System.Text.Json binding errors in the wording of openclaw's schema validator
/// (<c>at /path: must be string</c>, <c>must have required property 'x'</c>), so clients see familiar messages
/// and never .NET type names.
/// </summary>
internal static partial class JsonErrorDescriber
{
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var where = Pointer(exception.Path);

        var unmapped = UnmappedProperty().Match(message);
        if (unmapped.Success)
        {
            // The path of an unmapped-member error already ends with the offending property.
            var parent = ParentPointer(exception.Path);
            return $"at {(parent.Length == 0 ? "root" : parent)}: unexpected property '{unmapped.Groups[1].Value}'";
        }

        var missing = MissingRequired().Match(message);
        if (missing.Success)
        {
            var names = missing.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return string.Join("; ", names.Select(n => Prefix(where, $"must have required property '{n.Trim('\'')}'")));
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
        {
            return Prefix(where, "must not be null");
        }

        return Prefix(where, "has an invalid type or value");
    }

    private static string Prefix(string pointer, string text) => pointer.Length == 0 ? text : $"at {pointer}: {text}";

    /// <summary>STJ paths look like <c>$.client.id</c> or <c>$.items[2].name</c>; schema errors use JSON pointers.</summary>
    private static string Pointer(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return "/" + trimmed.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal)
            .Replace("'", "", StringComparison.Ordinal).Replace('.', '/').TrimStart('/');
    }

    private static string ParentPointer(string? path)
    {
        var pointer = Pointer(path);
        var slash = pointer.LastIndexOf('/');
        return slash <= 0 ? "" : pointer[..slash];
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("missing required properties including: (.*?)\\.?$", RegexOptions.Multiline)]
    private static partial Regex MissingRequired();
}
