using System.Buffers;
using System.Text.Json;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Serializes outgoing frames to UTF-8. Payloads arrive already serialized (by the method's or event's
/// <c>JsonTypeInfo</c>) and are embedded as raw JSON, so a broadcast serializes its payload once for all connections.
/// </summary>
internal static class FrameWriter
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    public static byte[] Response(string id, ReadOnlySpan<byte> payloadJson)
    {
        var buffer = new ArrayBufferWriter<byte>(payloadJson.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", FrameTypes.Response);
            writer.WriteString("id", id);
            writer.WriteBoolean("ok", true);
            writer.WritePropertyName("payload");
            writer.WriteRawValue(payloadJson, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(string id, ErrorShape error)
    {
        var buffer = new ArrayBufferWriter<byte>(384);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", FrameTypes.Response);
            writer.WriteString("id", id);
            writer.WriteBoolean("ok", false);
            writer.WritePropertyName("error");
            JsonSerializer.Serialize(writer, error, ProtocolJson.Default.ErrorShape);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <param name="payloadJson">Empty when the event has no payload.</param>
    /// <param name="seq">Null only for <c>connect.challenge</c>.</param>
    public static byte[] Event(string eventName, ReadOnlySpan<byte> payloadJson, long? seq, GatewayStateVersion? stateVersion)
    {
        var buffer = new ArrayBufferWriter<byte>(payloadJson.Length + 160);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", FrameTypes.Event);
            writer.WriteString("event", eventName);
            if (!payloadJson.IsEmpty)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(payloadJson, skipInputValidation: true);
            }

            if (seq is { } value)
            {
                writer.WriteNumber("seq", value);
            }

            if (stateVersion is not null)
            {
                writer.WritePropertyName("stateVersion");
                JsonSerializer.Serialize(writer, stateVersion, ProtocolJson.Default.GatewayStateVersion);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
