using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Agents.Tools;

/// <summary>Builds the JSON Schema (type object) of a tool's arguments, one property at a time.</summary>
public sealed class ToolSchemaBuilder
{
    private readonly JsonObject _properties = [];
    private readonly JsonArray _required = [];

    public ToolSchemaBuilder String(string name, string description, bool required = false) =>
        Add(name, required, new JsonObject { ["type"] = "string", ["description"] = description });

    public ToolSchemaBuilder Integer(string name, string description, int minimum, int maximum, bool required = false) =>
        Add(name, required, new JsonObject { ["type"] = "integer", ["description"] = description, ["minimum"] = minimum, ["maximum"] = maximum });

    public ToolSchemaBuilder Boolean(string name, string description, bool required = false) =>
        Add(name, required, new JsonObject { ["type"] = "boolean", ["description"] = description });

    public JsonObject Build()
    {
        var schema = new JsonObject { ["type"] = "object", ["properties"] = _properties.DeepClone() };
        if (_required.Count > 0) schema["required"] = _required.DeepClone();
        schema["additionalProperties"] = false;
        return schema;
    }

    private ToolSchemaBuilder Add(string name, bool required, JsonObject property)
    {
        _properties[name] = property;
        if (required) _required.Add(name);
        return this;
    }
}
