using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Loading;

/// <summary>Small helpers over System.Text.Json.Nodes used by the loader and the binder.</summary>
internal static class JsonNodes
{
    /// <summary>The JSON type name used in error messages: string, number, boolean, array, object or null.</summary>
    public static string TypeName(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "unknown",
    };

    /// <summary>
    /// The numeric value whatever the CLR type behind the node (our JSON5 reader makes long/double nodes,
    /// System.Text.Json makes JsonElement-backed ones, and they do not convert into each other).
    /// </summary>
    public static bool TryGetNumber(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue json || json.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        if (json.TryGetValue<long>(out var l)) { value = l; return true; }
        if (json.TryGetValue<double>(out var d)) { value = d; return true; }
        if (json.TryGetValue<int>(out var i)) { value = i; return true; }
        if (json.TryGetValue<decimal>(out var m)) { value = (double)m; return true; }
        if (json.TryGetValue<float>(out var f)) { value = f; return true; }
        if (json.TryGetValue<ulong>(out var u)) { value = u; return true; }
        if (json.TryGetValue<JsonElement>(out var e)) { value = e.GetDouble(); return true; }
        return false;
    }

    /// <summary>Removes and returns every property so the values can be re-parented (a node has one parent).</summary>
    public static List<KeyValuePair<string, JsonNode?>> DetachAll(JsonObject obj)
    {
        var properties = obj.ToList();
        obj.Clear();
        return properties;
    }

    public static List<JsonNode?> DetachAll(JsonArray array)
    {
        var items = array.ToList();
        array.Clear();
        return items;
    }
}
