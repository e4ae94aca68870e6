using System.Text;
using System.Text.Json;
using OpenClaw.Actors.Serialization;
using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// The wire form of a stream item: the body is the item as JSON (<see cref="ActorJson.Options"/>, serialized as its
/// runtime type so a derived record keeps all its members), the AMQP <c>type</c> is that runtime type's
/// assembly-qualified name, and two headers carry the real stream id (the routing key only has hashes of it).
/// Messages are transient: events are worth nothing after a broker restart.
/// </summary>
internal static class StreamMessageCodec
{
    public const string MessageType = "openclaw.stream-item";
    public const string NamespaceHeader = "x-stream-namespace";
    public const string KeyHeader = "x-stream-key";
    public const string ItemTypeHeader = "x-stream-item-type";

    public static (BasicProperties Properties, byte[] Body) Encode(StreamId streamId, object item)
    {
        var type = item.GetType();
        var body = JsonSerializer.SerializeToUtf8Bytes(item, type, ActorJson.Options);
        var properties = new BasicProperties
        {
            Type = MessageType,
            ContentType = MessageKinds.JsonContentType,
            DeliveryMode = DeliveryModes.Transient,
            Headers = new Dictionary<string, object?>
            {
                [NamespaceHeader] = streamId.Namespace,
                [KeyHeader] = streamId.Key,
                [ItemTypeHeader] = StreamItemTypes.NameOf(type),
            },
        };
        return (properties, body);
    }

    /// <summary>The stream id and item type name of a delivery, or null when it is not a stream item.</summary>
    public static (StreamId StreamId, string ItemType)? ReadEnvelope(IReadOnlyBasicProperties properties)
    {
        if (properties.Type != MessageType || properties.Headers is not { } headers) return null;
        var @namespace = Text(headers, NamespaceHeader);
        var key = Text(headers, KeyHeader);
        var itemType = Text(headers, ItemTypeHeader);
        if (@namespace is null || key is null || itemType is null) return null;
        return (StreamId.Create(@namespace, key), itemType);
    }

    public static object? DecodeItem(ReadOnlySpan<byte> body, Type type) => JsonSerializer.Deserialize(body, type, ActorJson.Options);

    // AMQP long strings arrive as byte[], whatever type they were published as.
    private static string? Text(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => null,
            }
            : null;
}
