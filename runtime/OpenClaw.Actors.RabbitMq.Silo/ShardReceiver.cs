using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace OpenClaw.Actors.RabbitMq.Silo;

/// <summary>
/// This silo's consumer of one shard queue, on a channel of its own: closing that channel returns exactly this shard's
/// unsettled deliveries to the queue, and the broker's single-active-consumer rule then activates the next silo's
/// consumer. That is how a shard is given away (and, later, handed off on rebalance) without touching other shards.
/// Deliveries arrive one callback at a time; each is accepted quickly and completed in the background (at most
/// <see cref="RabbitMqTransportOptions.Prefetch"/> at once, the broker holds the rest).
/// </summary>
internal sealed class ShardReceiver : IShardAcknowledger, IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly ShardCallHandler _handler;
    private readonly ShardOwnershipTracker _ownership;
    private readonly InFlightCalls _inFlight = new();
    private readonly SemaphoreSlim _settleLock = new(1, 1);
    // Deliveries that arrived while draining, in order, kept so a cancelled hand-off can still run them. Bounded by the
    // channel's prefetch: the broker sends no more while these are unsettled.
    private readonly List<BasicDeliverEventArgs> _held = [];
    private readonly Lock _drainLock = new();
    private volatile bool _draining;
    private volatile bool _closing;

    private ShardReceiver(int shard, IChannel channel, ShardCallHandler handler, ShardOwnershipTracker ownership)
    {
        Shard = shard;
        _channel = channel;
        _handler = handler;
        _ownership = ownership;
    }

    public int Shard { get; }

    public bool IsDraining => _draining;

    public int InFlightCount => _inFlight.Count;

    /// <summary>False once the channel closed: disposed here, or closed by the broker or a lost connection.</summary>
    public bool IsOpen => !_closing && _channel.IsOpen;

    public static async Task<ShardReceiver> OpenAsync(IConnection connection, int shard, ShardTopology topology, ushort prefetch,
        ShardCallHandler handler, ShardOwnershipTracker ownership, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var receiver = new ShardReceiver(shard, channel, handler, ownership);
        try
        {
            await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: prefetch, global: false, cancellationToken).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += receiver.OnReceivedAsync;
            consumer.UnregisteredAsync += receiver.OnUnregisteredAsync;
            consumer.ShutdownAsync += receiver.OnShutdownAsync;
            await channel.BasicConsumeAsync(topology.ShardQueue(shard), autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
            return receiver;
        }
        catch
        {
            await receiver.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops starting calls; deliveries from now on stay unsettled (held) and go back to the queue when the channel
    /// closes, unless <see cref="CancelDrain"/> takes the shard back into service.
    /// </summary>
    public void BeginDrain()
    {
        lock (_drainLock) _draining = true;
    }

    /// <summary>
    /// Takes the shard back into service after <see cref="BeginDrain"/> (a hand-off that found the shard busy): the
    /// deliveries held meanwhile start now, in the order they arrived, before any later one.
    /// </summary>
    public void CancelDrain()
    {
        lock (_drainLock)
        {
            _draining = false;
            foreach (var delivery in _held) Start(delivery);
            _held.Clear();
        }
    }

    public Task WhenIdleAsync(CancellationToken cancellationToken) => _inFlight.WhenIdleAsync(cancellationToken);

    /// <summary>True once no call is in flight; false when some still are after <paramref name="bound"/>.</summary>
    public Task<bool> WhenIdleWithinAsync(TimeSpan bound, TimeProvider time, CancellationToken cancellationToken) =>
        _inFlight.WhenIdleWithinAsync(bound, time, cancellationToken);

    /// <summary>Deliveries held since the drain began.</summary>
    public int HeldCount
    {
        get { lock (_drainLock) return _held.Count; }
    }

    public async Task AckAsync(ulong deliveryTag)
    {
        await _settleLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _channel.BasicAckAsync(deliveryTag, multiple: false).ConfigureAwait(false);
        }
        finally
        {
            _settleLock.Release();
        }
    }

    public async Task DeadLetterAsync(ulong deliveryTag)
    {
        await _settleLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _channel.BasicNackAsync(deliveryTag, multiple: false, requeue: false).ConfigureAwait(false);
        }
        finally
        {
            _settleLock.Release();
        }
    }

    private Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        lock (_drainLock)
        {
            if (_draining)
            {
                // The body is only valid during this callback: keep a copy.
                _held.Add(new BasicDeliverEventArgs(delivery.ConsumerTag, delivery.DeliveryTag, delivery.Redelivered, delivery.Exchange,
                    delivery.RoutingKey, delivery.BasicProperties, delivery.Body.ToArray(), delivery.CancellationToken));
                return Task.CompletedTask;
            }

            Start(delivery);
        }

        return Task.CompletedTask;
    }

    private void Start(BasicDeliverEventArgs delivery)
    {
        // Only the active consumer of a single-active-consumer queue gets deliveries: this one proves ownership.
        _ownership.Delivered(Shard);
        _inFlight.Track(_handler.Accept(Shard, this, delivery));
    }

    // A receiver this silo closes itself reports nothing: whoever closes it has already released the shard, and a late
    // event must not take the shard away from the receiver that replaced this one.
    private Task OnUnregisteredAsync(object sender, ConsumerEventArgs args)
    {
        if (!_closing) _ownership.Lost(Shard, "consumer cancelled");
        return Task.CompletedTask;
    }

    private Task OnShutdownAsync(object sender, ShutdownEventArgs args)
    {
        if (!_closing) _ownership.Lost(Shard, $"channel closed ({args.ReplyCode} {args.ReplyText})");
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        try
        {
            if (_channel.IsOpen) await _channel.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
            _settleLock.Dispose();
        }
    }
}
