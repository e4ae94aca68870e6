using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Silo;

/// <summary>
/// Publishes answers to the callers' direct reply-to addresses. A few channels used in turn, each serialized (AMQP
/// channels are not safe for concurrent publishing). No confirms: direct reply-to is not durable anyway, and a caller
/// that is gone loses its answer whatever the silo does (the broker drops it).
/// </summary>
internal sealed class ReplyPublisher : IAsyncDisposable
{
    private readonly (IChannel Channel, SemaphoreSlim Lock)[] _channels;
    private int _next = -1;

    private ReplyPublisher((IChannel, SemaphoreSlim)[] channels) => _channels = channels;

    public static async Task<ReplyPublisher> OpenAsync(IConnection connection, int channelCount, CancellationToken cancellationToken)
    {
        var channels = new List<(IChannel, SemaphoreSlim)>();
        for (var i = 0; i < channelCount; i++)
            channels.Add((await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false), new SemaphoreSlim(1, 1)));
        return new ReplyPublisher([.. channels]);
    }

    public async Task PublishAsync(string replyTo, string? correlationId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var (channel, gate) = _channels[(int)((uint)Interlocked.Increment(ref _next) % (uint)_channels.Length)];
        var properties = new BasicProperties { CorrelationId = correlationId, ContentType = MessageKinds.JsonContentType };
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await channel.BasicPublishAsync(exchange: "", routingKey: replyTo, mandatory: false, properties, body, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (channel, gate) in _channels)
        {
            try
            {
                if (channel.IsOpen) await channel.CloseAsync().ConfigureAwait(false);
            }
            finally
            {
                await channel.DisposeAsync().ConfigureAwait(false);
                gate.Dispose();
            }
        }
    }
}
