using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Actors.Serialization;

/// <summary>
/// The one JSON shape the runtime uses for grain state, call arguments and stream items that cross a process
/// boundary. Camel case, enums as strings, unset optionals omitted. Read-only after construction, so sharing it is safe.
/// </summary>
public static class ActorJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
