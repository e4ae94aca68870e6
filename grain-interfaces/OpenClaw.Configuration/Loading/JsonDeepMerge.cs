using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Loading;

/// <summary>
/// OpenClaw's include merge: objects merge recursively, arrays concatenate, anything else is replaced by the later
/// value. Works on detached nodes and moves (not clones) them, so their source positions stay known.
/// </summary>
internal static class JsonDeepMerge
{
    public static JsonNode? Merge(JsonNode? target, JsonNode? source, ConfigSourceMap sourceMap)
    {
        switch (target, source)
        {
            case (JsonArray targetArray, JsonArray sourceArray):
                foreach (var item in JsonNodes.DetachAll(sourceArray))
                {
                    targetArray.Add(item);
                }
                return targetArray;
            case (JsonObject targetObject, JsonObject sourceObject):
                foreach (var (key, value) in JsonNodes.DetachAll(sourceObject))
                {
                    if (targetObject.TryGetPropertyValue(key, out var existing))
                    {
                        // Replacing with null detaches the old node but keeps the property's place.
                        targetObject[key] = null;
                        targetObject[key] = Merge(existing, value, sourceMap);
                    }
                    else
                    {
                        targetObject[key] = value;
                    }
                    sourceMap.MoveKey(sourceObject, targetObject, key);
                }
                return targetObject;
            default:
                return source;
        }
    }
}
