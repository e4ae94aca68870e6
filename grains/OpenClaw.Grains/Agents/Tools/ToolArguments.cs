using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Agents.Tools;

/// <summary>
/// Typed reads of a tool call's arguments. Models sometimes send numbers and booleans as strings, so those are
/// accepted; anything else that does not fit throws <see cref="ToolInputException"/> naming the tool and argument.
/// </summary>
public sealed class ToolArguments(string toolName, JsonObject values)
{
    public string RequiredString(string name, bool allowEmpty = false)
    {
        var value = OptionalString(name) ?? throw Invalid(name, "is required");
        if (!allowEmpty && value.Length == 0) throw Invalid(name, "must not be empty");
        return value;
    }

    public string? OptionalString(string name) => Node(name) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Invalid(name, "must be a string"),
    };

    public int? OptionalInt(string name, int min, int max)
    {
        var node = Node(name);
        if (node is null) return null;
        if (node is not JsonValue value) throw Invalid(name, "must be an integer");
        long? parsed = value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number when value.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < long.MaxValue => (long)d,
            JsonValueKind.String when long.TryParse(value.GetValue<string>().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
        if (parsed is null) throw Invalid(name, "must be an integer");
        if (parsed < min || parsed > max) throw Invalid(name, $"must be between {min} and {max} (got {parsed})");
        return (int)parsed.Value;
    }

    public bool OptionalBool(string name, bool defaultValue)
    {
        var node = Node(name);
        if (node is null) return defaultValue;
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.String when bool.TryParse(value.GetValue<string>().Trim(), out var parsed): return parsed;
            }
        }
        throw Invalid(name, "must be true or false");
    }

    // A JSON null counts as absent: models send it for optional arguments they mean to leave out.
    private JsonNode? Node(string name) =>
        values.TryGetPropertyValue(name, out var node) && node is not null && node.GetValueKind() != JsonValueKind.Null ? node : null;

    private ToolInputException Invalid(string name, string problem) => new($"{toolName}: argument '{name}' {problem}");
}
