using System.Globalization;
using System.Text.Json.Nodes;
using OpenClaw.Configuration.Loading;

namespace OpenClaw.Configuration.Binding;

/// <summary>
/// Reads typed values out of the resolved JSON and collects every error with the file position it came from,
/// so one load reports all problems at once. Readers return null for an absent key and for a wrong value (after
/// recording the error), so binding can continue with defaults.
/// </summary>
internal sealed class ConfigBindingContext(ConfigSourceMap sourceMap, string mainDisplayName)
{
    private readonly List<ConfigError> _errors = [];
    private readonly List<ConfigIssue> _warnings = [];

    public IReadOnlyList<ConfigError> Errors => _errors;

    public IReadOnlyList<ConfigIssue> Warnings => _warnings;

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public void Warn(string path, string message) => _warnings.Add(new ConfigIssue(path, message));

    /// <summary>Records an error at the value (or, when it has no position, at its property name or parent).</summary>
    public void Error(JsonObject parent, string key, string path, string message)
    {
        parent.TryGetPropertyValue(key, out var value);
        if (!sourceMap.TryGetValue(value, out var position) && !sourceMap.TryGetKey(parent, key, out position))
        {
            sourceMap.TryGetValue(parent, out position);
        }
        Add(position, path, message);
    }

    /// <summary>Records an error at a property name (unknown keys, bad map keys).</summary>
    public void ErrorAtKey(JsonObject parent, string key, string path, string message)
    {
        if (!sourceMap.TryGetKey(parent, key, out var position))
        {
            sourceMap.TryGetValue(parent, out position);
        }
        Add(position, path, message);
    }

    /// <summary>Records an error about a whole node (an array item, a missing required member).</summary>
    public void ErrorAt(JsonNode? node, string path, string message)
    {
        sourceMap.TryGetValue(node, out var position);
        Add(position, path, message);
    }

    public JsonObject? Object(JsonObject parent, string key, string path) =>
        Read(parent, key, path, "an object", node => node as JsonObject);

    public JsonArray? Array(JsonObject parent, string key, string path) =>
        Read(parent, key, path, "an array", node => node as JsonArray);

    public string? String(JsonObject parent, string key, string path, bool allowEmpty = true)
    {
        var value = Read(parent, key, path, allowEmpty ? "a string" : "a non-empty string", AsString);
        if (value is { Length: 0 } && !allowEmpty)
        {
            Error(parent, key, path, "expected a non-empty string, got an empty string");
            return null;
        }
        return value;
    }

    public bool? Bool(JsonObject parent, string key, string path) =>
        Read<bool?>(parent, key, path, "a boolean", node => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null);

    public int? Int(JsonObject parent, string key, string path, int min, int max = int.MaxValue)
    {
        if (!parent.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }
        var expected = max == int.MaxValue ? $"an integer >= {min}" : $"an integer {min}-{max}";
        if (!JsonNodes.TryGetNumber(node, out var number))
        {
            Error(parent, key, path, $"expected {expected}, got {JsonNodes.TypeName(node)}");
            return null;
        }
        if (!double.IsFinite(number) || number != Math.Floor(number) || number < min || number > max)
        {
            Error(parent, key, path, $"expected {expected}, got {number.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return (int)number;
    }

    public string? Enum(JsonObject parent, string key, string path, IReadOnlyList<string> allowed)
    {
        var value = String(parent, key, path);
        if (value is null || allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }
        var shown = value.Length > 40 ? value[..40] + "..." : value;
        Error(parent, key, path, $"expected one of {string.Join(", ", allowed)}, got '{shown}'");
        return null;
    }

    public IReadOnlyList<string>? StringList(JsonObject parent, string key, string path)
    {
        var array = Array(parent, key, path);
        if (array is null)
        {
            return null;
        }
        var result = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (AsString(array[i]) is { } item)
            {
                result.Add(item);
            }
            else
            {
                ErrorAt(array[i] ?? array, $"{path}[{i}]", $"expected a string, got {JsonNodes.TypeName(array[i])}");
            }
        }
        return result;
    }

    private static string? AsString(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private T? Read<T>(JsonObject parent, string key, string path, string expected, Func<JsonNode, T?> convert)
    {
        if (!parent.TryGetPropertyValue(key, out var node) || node is null)
        {
            return default;
        }
        var value = convert(node);
        if (value is null)
        {
            Error(parent, key, path, $"expected {expected}, got {JsonNodes.TypeName(node)}");
        }
        return value;
    }

    private void Add(SourcePosition? position, string path, string message) =>
        _errors.Add(new ConfigError(position?.DisplayName ?? mainDisplayName, position?.Line ?? 0, position?.Column ?? 0, path, message));
}
