using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// One connection to the broker and everything opened on it: the exchange and this node's queue declared, a channel
/// for binding changes, the publish channels (one per lane) and the consumer of the node queue. It is not repaired:
/// when the connection or any of its channels closes unexpectedly the session is lost as a whole
/// (<see cref="Lost"/>), and <see cref="StreamLink"/> opens a new one. Declaring is idempotent, so a new session
/// finds the node queue again if it outlived the connection (<see cref="RabbitMqStreamOptions.NodeQueueExpiry"/>).
/// <para>
/// The consumer acknowledges each delivery after it was handed to the local subscriptions, so at most
/// <see cref="RabbitMqStreamOptions.Prefetch"/> deliveries sit in this process; the backlog stays in the (bounded)
/// node queue. Deliveries run one at a time, in queue order.
/// </para>
/// </summary>
internal sealed class StreamLinkSession : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly StreamTopology _topology;
    private readonly Action<StreamLinkSession, string> _onLost;
    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lostToken;
    private readonly List<ConfirmedPublishChannel> _publishers = [];
    private IChannel? _bindings;
    private IChannel? _consumer;
    private int _lostOrClosing;

    private StreamLinkSession(IConnection connection, StreamTopology topology, Action<StreamLinkSession, string> onLost, CancellationToken stopping)
    {
        // Deliveries in progress end when the session is lost or the provider stops, whichever comes first.
        _lostToken = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _connection = connection;
        _topology = topology;
        _onLost = onLost;
        connection.ConnectionShutdownAsync += (_, reason) => MarkLost($"connection closed: {reason.ReplyCode} {reason.ReplyText}");
    }

    /// <summary>Completes when the session is lost or closed.</summary>
    public Task Lost => _lost.Task;

    /// <summary>True from the moment the loss is noticed (before <see cref="Lost"/> completes) or closing began.</summary>
    public bool IsLost => Volatile.Read(ref _lostOrClosing) == 1;

    public ConfirmedPublishChannel Publisher(int lane) => _publishers[lane];

    public static async Task<StreamLinkSession> OpenAsync(
        StreamProviderSettings settings, StreamTopology topology, Func<BasicDeliverEventArgs, CancellationToken, Task> onDelivery,
        Action<StreamLinkSession, string> onLost, CancellationToken stopping, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(settings.Uri),
            RequestedHeartbeat = settings.Options.RequestedHeartbeat,
            ClientProvidedName = topology.NodeQueue,
            // StreamLink reconnects by itself and re-declares everything; the library's recovery would race with it.
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
        };
        var connection = await factory.CreateConnectionAsync(topology.NodeQueue, cancellationToken).ConfigureAwait(false);
        var session = new StreamLinkSession(connection, topology, onLost, stopping);
        try
        {
            await session.OpenChannelsAsync(settings.Options, onDelivery, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task OpenChannelsAsync(RabbitMqStreamOptions options, Func<BasicDeliverEventArgs, CancellationToken, Task> onDelivery,
        CancellationToken cancellationToken)
    {
        _bindings = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        WatchChannel(_bindings, "binding channel");
        await _bindings.ExchangeDeclareAsync(_topology.Exchange, ExchangeType.Topic, durable: true, autoDelete: false,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await _bindings.QueueDeclareAsync(_topology.NodeQueue, durable: false, exclusive: false, autoDelete: false,
            _topology.NodeQueueArguments(options), cancellationToken: cancellationToken).ConfigureAwait(false);

        for (var lane = 0; lane < options.PublishChannelCount; lane++)
        {
            var publisher = await ConfirmedPublishChannel.OpenAsync(_connection, _topology.Exchange, options.MaxUnconfirmedPerChannel, cancellationToken)
                .ConfigureAwait(false);
            _publishers.Add(publisher);
            WatchChannel(publisher.Channel, "publish channel");
        }

        _consumer = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        WatchChannel(_consumer, "consumer channel");
        await _consumer.BasicQosAsync(prefetchSize: 0, prefetchCount: options.Prefetch, global: false, cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(_consumer);
        var channel = _consumer;
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            try
            {
                await onDelivery(delivery, _lostToken.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_lostToken.IsCancellationRequested)
            {
                return; // session lost mid-delivery: no ack, the broker puts the message back for the next session
            }

            try
            {
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or ObjectDisposedException or IOException)
            {
                // The session is being lost; the broker re-queues what was not acknowledged.
            }
        };
        await _consumer.BasicConsumeAsync(_topology.NodeQueue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
    }

    public Task BindAsync(string bindingKey, CancellationToken cancellationToken) =>
        Bindings.QueueBindAsync(_topology.NodeQueue, _topology.Exchange, bindingKey, cancellationToken: cancellationToken);

    public Task UnbindAsync(string bindingKey, CancellationToken cancellationToken) =>
        Bindings.QueueUnbindAsync(_topology.NodeQueue, _topology.Exchange, bindingKey, cancellationToken: cancellationToken);

    /// <summary>Deletes the node queue (graceful shutdown), so the broker stops routing to a node that is gone.</summary>
    public async Task DeleteNodeQueueAsync(CancellationToken cancellationToken) =>
        await Bindings.QueueDeleteAsync(_topology.NodeQueue, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Drops the connection without a close handshake, as a network failure would.</summary>
    public Task AbortConnectionAsync() => _connection.AbortAsync();

    private IChannel Bindings => _bindings ?? throw new InvalidOperationException("The session is not open.");

    private void WatchChannel(IChannel channel, string what) =>
        channel.ChannelShutdownAsync += (_, reason) => MarkLost($"{what} closed: {reason.ReplyCode} {reason.ReplyText}");

    private async Task MarkLost(string reason)
    {
        if (Interlocked.Exchange(ref _lostOrClosing, 1) == 0) _onLost(this, reason);
        await _lostToken.CancelAsync().ConfigureAwait(false);
        _lost.TrySetResult();
    }

    private static async Task CloseAsync(IChannel channel)
    {
        try
        {
            if (channel.IsOpen) await channel.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the session without reporting it as lost.</summary>
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _lostOrClosing, 1);
        await _lostToken.CancelAsync().ConfigureAwait(false);
        try
        {
            foreach (var publisher in _publishers) await publisher.DisposeAsync().ConfigureAwait(false);
            if (_consumer is not null) await CloseAsync(_consumer).ConfigureAwait(false);
            if (_bindings is not null) await CloseAsync(_bindings).ConfigureAwait(false);
            if (_connection.IsOpen) await _connection.CloseAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or IOException)
        {
            // Closing something that is already gone.
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _lost.TrySetResult();
        }
    }
}
