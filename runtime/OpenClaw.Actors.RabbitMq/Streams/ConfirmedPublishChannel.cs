using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// One AMQP channel with publisher confirms, tracked here rather than by the client library: the library's tracking
/// makes each publish wait for its own confirm, which would allow one item per round trip per channel. Here the single
/// writer (<see cref="PublishLane"/>) writes items back to back, each registered under its sequence number first, and
/// the broker's acks (often <c>multiple</c>) complete them. At most <c>maxUnconfirmed</c> items wait for a confirm;
/// the writer waits for a slot beyond that. When the channel closes every waiting item fails.
/// </summary>
internal sealed class ConfirmedPublishChannel : IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly string _exchange;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _closed = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, PublishRequest> _unconfirmed = [];

    private ConfirmedPublishChannel(IChannel channel, string exchange, int maxUnconfirmed)
    {
        _channel = channel;
        _exchange = exchange;
        _slots = new SemaphoreSlim(maxUnconfirmed, maxUnconfirmed);
        channel.BasicAcksAsync += (_, ack) => Settle(ack.DeliveryTag, ack.Multiple, refused: false);
        channel.BasicNacksAsync += (_, nack) => Settle(nack.DeliveryTag, nack.Multiple, refused: true);
        channel.ChannelShutdownAsync += (_, reason) => FailAll(reason);
    }

    public IChannel Channel => _channel;

    public static async Task<ConfirmedPublishChannel> OpenAsync(IConnection connection, string exchange, int maxUnconfirmed, CancellationToken cancellationToken)
    {
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: false);
        var channel = await connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
        return new ConfirmedPublishChannel(channel, exchange, maxUnconfirmed);
    }

    /// <summary>
    /// Writes <paramref name="request"/>, which completes when the broker confirms it. False when the channel was
    /// already closed, so the item never went out and may be written elsewhere; throws when the write itself failed.
    /// </summary>
    public async Task<bool> TryWriteAsync(PublishRequest request)
    {
        try
        {
            await _slots.WaitAsync(_closed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            return false;
        }

        if (request.IsDone)
        {
            _slots.Release(); // abandoned by its publisher while it waited for a slot
            return true;
        }

        ulong sequence;
        try
        {
            sequence = await _channel.GetNextPublishSequenceNumberAsync(_closed.Token).ConfigureAwait(false);
            lock (_lock) _unconfirmed.Add(sequence, request);
        }
        catch (Exception exception) when (exception is OperationCanceledException or AlreadyClosedException)
        {
            _slots.Release();
            return false;
        }

        try
        {
            // Not cancellable: a write cut off halfway would leave the channel's frame stream broken.
            await _channel.BasicPublishAsync(_exchange, request.RoutingKey, mandatory: false, request.Properties, request.Body, CancellationToken.None)
                .ConfigureAwait(false);
            return true;
        }
        catch (AlreadyClosedException)
        {
            // The channel was closed when the write began, so nothing went out.
            Forget(sequence);
            return false;
        }
        catch
        {
            Forget(sequence);
            throw;
        }
    }

    private void Forget(ulong sequence)
    {
        bool removed;
        lock (_lock) removed = _unconfirmed.Remove(sequence);
        if (removed) _slots.Release();
    }

    private Task Settle(ulong deliveryTag, bool multiple, bool refused)
    {
        List<PublishRequest> settled = [];
        lock (_lock)
        {
            if (multiple)
            {
                foreach (var sequence in _unconfirmed.Keys.Where(sequence => sequence <= deliveryTag).ToList())
                {
                    settled.Add(_unconfirmed[sequence]);
                    _unconfirmed.Remove(sequence);
                }
            }
            else if (_unconfirmed.Remove(deliveryTag, out var single))
            {
                settled.Add(single);
            }
        }

        foreach (var request in settled)
        {
            _slots.Release();
            if (refused) request.Fail(new StreamPublishException(request.StreamId, "the broker refused the item (nack)."));
            else request.Confirm();
        }

        return Task.CompletedTask;
    }

    private async Task FailAll(ShutdownEventArgs reason)
    {
        await _closed.CancelAsync().ConfigureAwait(false);
        List<PublishRequest> lost;
        lock (_lock)
        {
            lost = [.. _unconfirmed.Values];
            _unconfirmed.Clear();
        }

        foreach (var request in lost)
        {
            request.Fail(new StreamPublishException(request.StreamId,
                $"the channel closed ({reason.ReplyCode} {reason.ReplyText}) before the broker confirmed the item; it may or may not have been delivered."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_channel.IsOpen) await _channel.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
            // Not disposed: the lane's writer may still be reading its token; it has no timer to release.
            await _closed.CancelAsync().ConfigureAwait(false);
        }
    }
}
