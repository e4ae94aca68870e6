using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Grains.Transcripts;

/// <summary>The JSON shape of transcript lines: camelCase, unset optionals omitted, one object per line.</summary>
public static class TranscriptJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>OpenClaw's timestamp form: ISO 8601 UTC with milliseconds, e.g. <c>2026-09-01T10:00:01.000Z</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string NewEntryId() => Guid.NewGuid().ToString();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
            AllowOutOfOrderMetadataProperties = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
