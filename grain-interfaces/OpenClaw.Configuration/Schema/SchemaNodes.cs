using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Schema;

/// <summary>Terse constructors for JSON Schema fragments.</summary>
internal static class SchemaNodes
{
    public static JsonObject Obj(string description, params (string Name, JsonObject Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }
        // Implemented sections stay open: they also hold settings this gateway does not read yet.
        return new JsonObject { ["type"] = "object", ["description"] = description, ["properties"] = props, ["additionalProperties"] = true };
    }

    public static JsonObject Map(string description, JsonObject valueSchema) =>
        new() { ["type"] = "object", ["description"] = description, ["additionalProperties"] = valueSchema };

    public static JsonObject Str(string description, string? defaultValue = null, IReadOnlyList<string>? values = null)
    {
        var schema = new JsonObject { ["type"] = "string", ["description"] = description };
        if (values is not null)
        {
            schema["enum"] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
        if (defaultValue is not null)
        {
            schema["default"] = defaultValue;
        }
        return schema;
    }

    public static JsonObject Int(string description, int minimum, int? maximum = null, int? defaultValue = null)
    {
        var schema = new JsonObject { ["type"] = "integer", ["description"] = description, ["minimum"] = minimum };
        if (maximum is not null)
        {
            schema["maximum"] = maximum;
        }
        if (defaultValue is not null)
        {
            schema["default"] = defaultValue;
        }
        return schema;
    }

    public static JsonObject Bool(string description, bool defaultValue) =>
        new() { ["type"] = "boolean", ["description"] = description, ["default"] = defaultValue };

    public static JsonObject StrList(string description) =>
        new() { ["type"] = "array", ["description"] = description, ["items"] = new JsonObject { ["type"] = "string" } };

    public static JsonObject ArrayOf(string description, JsonObject items) =>
        new() { ["type"] = "array", ["description"] = description, ["items"] = items };

    public static JsonObject ModelSelection(string description) => new()
    {
        ["description"] = description,
        ["anyOf"] = new JsonArray(
            new JsonObject { ["type"] = "string" },
            Obj("Primary model and ordered fallbacks.", ("primary", Str("provider/model id.")), ("fallbacks", StrList("Tried in order when the primary fails.")))),
    };

    public static JsonObject Open(string description) =>
        new() { ["type"] = "object", ["description"] = description, ["additionalProperties"] = true };
}
