using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Serializes outgoing frames to UTF-8 in pooled buffers (<see cref="OutboundFrame"/>). Payloads arrive already
/// serialized (by the method's or event's <c>JsonTypeInfo</c>) and are embedded as raw JSON, so a broadcast
/// serializes its payload once for all connections.
/// </summary>
internal static class FrameWriter
{
    private const int EnvelopeBytes = 160;
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    /// <summary>One byte that <see cref="EventEnvelope"/> writes where the payload goes.</summary>
    private static ReadOnlySpan<byte> PayloadPlaceholder => "0"u8;

    public static OutboundFrame Response(string id, ReadOnlySpan<byte> payloadJson)
    {
        using var buffer = new PooledBufferWriter(payloadJson.Length + id.Length + EnvelopeBytes);
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

        return buffer.Detach();
    }

    /// <summary>A response whose payload is serialized straight into the frame (no intermediate array: hello-ok can be large).</summary>
    public static OutboundFrame Response<T>(string id, T payload, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new PooledBufferWriter(4 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", FrameTypes.Response);
            writer.WriteString("id", id);
            writer.WriteBoolean("ok", true);
            writer.WritePropertyName("payload");
            JsonSerializer.Serialize(writer, payload, typeInfo);
            writer.WriteEndObject();
        }

        return buffer.Detach();
    }

    public static OutboundFrame Error(string id, ErrorShape error)
    {
        using var buffer = new PooledBufferWriter(384);
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

        return buffer.Detach();
    }

    /// <param name="payloadJson">Empty when the event has no payload.</param>
    /// <param name="seq">Null only for <c>connect.challenge</c>.</param>
    public static OutboundFrame Event(string eventName, ReadOnlySpan<byte> payloadJson, long? seq, GatewayStateVersion? stateVersion)
    {
        using var buffer = new PooledBufferWriter(EstimateEventBytes(eventName, payloadJson.Length));
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

        return buffer.Detach();
    }

    /// <summary>
    /// The event frame around a placeholder for its payload, for payloads too large to copy into a frame per
    /// connection: the sender sends <c>frame[..payloadOffset]</c>, the shared payload, then <c>frame[(payloadOffset + 1)..]</c>.
    /// </summary>
    public static OutboundFrame EventEnvelope(string eventName, long? seq, GatewayStateVersion? stateVersion, out int payloadOffset)
    {
        using var buffer = new PooledBufferWriter(EstimateEventBytes(eventName, 1));
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", FrameTypes.Event);
            writer.WriteString("event", eventName);
            writer.WritePropertyName("payload");
            writer.Flush();
            payloadOffset = buffer.WrittenCount;
            writer.WriteRawValue(PayloadPlaceholder, skipInputValidation: true);
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

        return buffer.Detach();
    }

    /// <summary>The size an event frame will have (close enough for send-buffer accounting), before it is written.</summary>
    public static int EstimateEventBytes(string eventName, int payloadBytes) => payloadBytes + eventName.Length + EnvelopeBytes;
}
