using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenClaw.Gateway.Logging;

/// <summary>
/// Writes one record as one JSON line in the shape of openclaw's tslog file lines, which <c>openclaw logs</c> parses:
/// <c>{"0":"{\"subsystem\":…}","1":message,"_meta":{runtime,runtimeVersion,hostname,date,logLevelId,logLevelName,name,
/// parentNames},"time","hostname","message"}</c>. Used by the single writer loop only, so its buffers are reused
/// without locking.
/// </summary>
internal sealed class LogLineFormatter
{
    private const int MaxCachedSubsystems = 1024;
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The file is read by the CLI and by people, never embedded in HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Dictionary<string, string> _subsystemNames = new(StringComparer.Ordinal);
    private readonly string _hostname = Environment.MachineName;
    private readonly string _runtimeVersion = Environment.Version.ToString();

    /// <summary>The UTF-8 bytes of the line, newline included; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Format(LogRecord record)
    {
        _buffer.ResetWrittenCount();
        var name = SubsystemName(record.Category);
        var message = record.Exception is null ? record.Message : $"{record.Message}\n{record.Exception}";

        using (var json = new Utf8JsonWriter(_buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("0", name);
            json.WriteString("1", message);
            json.WriteStartObject("_meta");
            json.WriteString("runtime", "dotnet");
            json.WriteString("runtimeVersion", _runtimeVersion);
            json.WriteString("hostname", _hostname);
            json.WriteString("date", record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteNumber("logLevelId", OpenClawLogLevels.Id(record.Level));
            json.WriteString("logLevelName", OpenClawLogLevels.Name(record.Level));
            json.WriteString("name", name);
            json.WriteStartArray("parentNames");
            json.WriteStringValue("openclaw");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("time", record.Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
            json.WriteString("hostname", _hostname);
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        _buffer.Write("\n"u8);
        return _buffer.WrittenMemory;
    }

    /// <summary>The <c>"0"</c>/<c>_meta.name</c> value: a JSON object, as a string, naming the subsystem.</summary>
    private string SubsystemName(string category)
    {
        if (_subsystemNames.TryGetValue(category, out var cached))
        {
            return cached;
        }

        var subsystem = LogSubsystems.FromCategory(category);
        var name = "{\"subsystem\":\"" + JsonEncodedText.Encode(subsystem, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"}";
        if (_subsystemNames.Count < MaxCachedSubsystems)
        {
            _subsystemNames[category] = name;
        }

        return name;
    }
}
