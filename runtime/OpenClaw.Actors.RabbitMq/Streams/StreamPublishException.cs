namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// An item was not confirmed by the broker: the broker was unreachable for the whole
/// <see cref="RabbitMqStreamOptions.PublishTimeout"/>, refused the item (nack), or the connection was lost after the
/// item was written. In the last case the item may still have reached some subscribers; the provider never re-sends
/// on its own, so a retry by the caller can deliver it twice.
/// </summary>
public sealed class StreamPublishException(StreamId streamId, string message, Exception? innerException = null)
    : Exception($"Stream {streamId}: {message}", innerException)
{
    public StreamId StreamId { get; } = streamId;
}
