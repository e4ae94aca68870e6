using System.Text.Json.Nodes;
using OpenClaw.Configuration.Json5;

namespace OpenClaw.Configuration.Loading;

/// <summary>
/// Remembers, per node instance, where each value and property name was written, across the main file and its
/// includes. Keyed by node identity because <c>$include</c> merging moves nodes between objects, so a pointer
/// in the merged tree no longer says which file a value came from.
/// </summary>
internal sealed class ConfigSourceMap
{
    private readonly Dictionary<JsonNode, SourcePosition> _values = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonObject, Dictionary<string, SourcePosition>> _keys = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records the positions of every node of a freshly parsed document.</summary>
    public void AddDocument(Json5Document document, string displayName) =>
        AddNode(document, displayName, document.Root, JsonPointer.Root);

    public bool TryGetValue(JsonNode? node, out SourcePosition position)
    {
        position = null!;
        return node is not null && _values.TryGetValue(node, out position!);
    }

    public bool TryGetKey(JsonObject parent, string key, out SourcePosition position)
    {
        position = null!;
        return _keys.TryGetValue(parent, out var keys) && keys.TryGetValue(key, out position!);
    }

    /// <summary>A replacement node (e.g. after <c>${VAR}</c> substitution) keeps the original's position.</summary>
    public void Transfer(JsonNode from, JsonNode to)
    {
        if (_values.TryGetValue(from, out var position))
        {
            _values[to] = position;
        }
    }

    /// <summary>A property moved to another object by a merge keeps its name's position.</summary>
    public void MoveKey(JsonObject from, JsonObject to, string key)
    {
        if (!TryGetKey(from, key, out var position))
        {
            return;
        }
        if (!_keys.TryGetValue(to, out var keys))
        {
            keys = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
            _keys[to] = keys;
        }
        keys[key] = position;
    }

    private void AddNode(Json5Document document, string displayName, JsonNode? node, string pointer)
    {
        if (node is null)
        {
            return;
        }
        if (document.TryGetPosition(pointer, out var line, out var column))
        {
            _values[node] = new SourcePosition(displayName, line, column);
        }
        switch (node)
        {
            case JsonObject obj:
                var keys = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
                foreach (var (key, child) in obj)
                {
                    var childPointer = JsonPointer.Append(pointer, key);
                    if (document.TryGetKeyPosition(childPointer, out var keyLine, out var keyColumn))
                    {
                        keys[key] = new SourcePosition(displayName, keyLine, keyColumn);
                    }
                    AddNode(document, displayName, child, childPointer);
                }
                _keys[obj] = keys;
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    AddNode(document, displayName, array[i], JsonPointer.Append(pointer, i));
                }
                break;
        }
    }
}
