using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace OpenClaw.Actors.RabbitMq.Client;

/// <summary>
/// One client channel: publisher confirms with tracking (a publish completes when the shard queue has the call, or
/// throws on a nack or a return), and its own consumer on the direct reply-to pseudo-queue. RabbitMQ requires that
/// consumer (no-ack) on the same channel that publishes with <c>reply-to: amq.rabbitmq.reply-to</c>, registered before
/// the first such publish. Publishes are not serialized here: RabbitMQ.Client 7 orders concurrent publishes on a channel
/// itself (sequence numbers and frames under its own lock) and awaits each confirm outside that lock, so many calls are
/// in flight per channel; holding a lock across the confirm would allow one broker round trip per channel at a time.
/// </summary>
internal sealed class CallChannel : IAsyncDisposable
{
    private readonly IChannel _channel;

    private CallChannel(IChannel channel) => _channel = channel;

    public static async Task<CallChannel> OpenAsync(IConnection connection, PendingCalls pending, Action<string?> lateAnswer,
        CancellationToken cancellationToken)
    {
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        var channel = await connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                // The body's memory belongs to the client library only while this handler runs: copy it.
                var correlationId = delivery.BasicProperties.CorrelationId;
                if (!pending.Complete(correlationId, delivery.Body.ToArray())) lateAnswer(correlationId);
                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(MessageKinds.DirectReplyTo, autoAck: true, consumer, cancellationToken).ConfigureAwait(false);
            return new CallChannel(channel);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task PublishAsync(string queue, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        await _channel.BasicPublishAsync(exchange: "", routingKey: queue, mandatory: true, properties, body, cancellationToken)
            .ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_channel.IsOpen) await _channel.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
        }
    }
}
