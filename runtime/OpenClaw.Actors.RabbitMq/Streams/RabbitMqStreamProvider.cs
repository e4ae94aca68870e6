using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors.Streams;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// Streams across nodes over RabbitMQ, with the in-process provider's programming model. Every node (each process
/// that registers it) publishes to one topic exchange and consumes one queue of its own, bound to exactly the stream
/// ids and namespaces its local subscriptions want; a node that subscribes to what it publishes gets its own items
/// back through the broker, as if silo and front tier were one process.
/// <para>
/// Publish (<c>OnNextAsync</c>): the item is serialized (<see cref="StreamMessageCodec"/>) and written on the publish
/// channel its stream hashes to; the call completes when the broker confirmed it, i.e. it is in every bound node queue.
/// Per-stream order: one stream always uses the same channel and that channel has a single writer, so items of one
/// stream reach every node queue, and so every subscription, in publish order (items of different streams are not
/// ordered relative to each other). While the broker is unreachable a publish waits for the reconnect, at most
/// <see cref="RabbitMqStreamOptions.PublishTimeout"/> in all, then fails with <see cref="StreamPublishException"/>.
/// </para>
/// <para>
/// Overflow, from publisher to handler: (1) the node queue is bounded (<see cref="RabbitMqStreamOptions.NodeQueueMaxLength"/>,
/// <see cref="RabbitMqStreamOptions.NodeQueueMaxBytes"/>) and the broker drops its oldest message (drop-head) when a
/// node falls that far behind; those drops are counted by the broker, not here. (2) Deliveries are handed to the local
/// subscriptions exactly as the in-process provider does it: each subscription's own bounded queue and
/// <see cref="StreamOverflowPolicy"/> (DropOldest counts into <see cref="StreamSubscriptionHandle.DroppedCount"/>;
/// Wait holds the node's consumer, so the backlog stays in the node queue, where rule 1 bounds it).
/// </para>
/// <para>
/// Delivery is at most once in steady state and may repeat an item across a reconnect (a delivery that was being
/// handed over when the connection dropped is delivered again). Items published while a node's bindings are missing
/// (between a connection loss and the reconnect that re-declares them, or after a node queue expired) do not reach
/// that node.
/// </para>
/// </summary>
public sealed partial class RabbitMqStreamProvider : IStreamProvider, IAsyncDisposable
{
    private static readonly TimeSpan FlushLimit = TimeSpan.FromSeconds(5);

    private readonly StreamProviderSettings _settings;
    private readonly StreamTopology _topology;
    private readonly StreamBindings _bindings;
    private readonly StreamLink _link;
    private readonly PublishLane[] _lanes;
    private readonly InProcessStreamProvider _local;
    private readonly StreamItemTypes _types = new();
    private readonly TimeProvider _time;
    private readonly ILogger<RabbitMqStreamProvider> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    internal RabbitMqStreamProvider(string name, StreamProviderSettings settings, TimeProvider time, ILoggerFactory loggers)
    {
        Name = name;
        _settings = settings;
        _time = time;
        _logger = loggers.CreateLogger<RabbitMqStreamProvider>();
        _topology = new StreamTopology(settings.Prefix, settings.Options.NodeName);
        _bindings = new StreamBindings(_logger);
        _link = new StreamLink(settings, _topology, _bindings, DeliverAsync, time, _logger);
        _local = new InProcessStreamProvider(name, loggers.CreateLogger<InProcessStreamProvider>());
        _lanes = new PublishLane[settings.Options.PublishChannelCount];
        for (var i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = new PublishLane(i, settings.Options.PublishQueueCapacity, _link, _logger);
            _lanes[i].Start(_stopping.Token);
        }
    }

    public string Name { get; }

    /// <summary>This node's queue on the broker.</summary>
    public string NodeQueue => _topology.NodeQueue;

    /// <summary>The topic exchange every node publishes to.</summary>
    public string Exchange => _topology.Exchange;

    /// <summary>True while a connection to the broker is open.</summary>
    public bool IsConnected => _link.Current is not null;

    /// <summary>Connections opened so far: 1 after the first connect, one more per reconnect.</summary>
    public int ConnectionGeneration => _link.Generation;

    /// <summary>Connects and declares the exchange and node queue now (host start) instead of on first use; throws when the broker is unreachable.</summary>
    public Task ConnectAsync(CancellationToken cancellationToken) => _link.ConnectAsync(cancellationToken);

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new RabbitMqStream<T>(this, streamId);

    public async Task<StreamSubscriptionHandle> SubscribeNamespaceAsync<T>(string @namespace, Func<StreamId, T, CancellationToken, Task> onNext,
        StreamSubscriptionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        await _link.ConnectAsync(CancellationToken.None).ConfigureAwait(false);
        var local = await _local.SubscribeNamespaceAsync(@namespace, onNext, options).ConfigureAwait(false);
        return await BindAsync(StreamId.Create(@namespace, StreamId.AllKeys), local).ConfigureAwait(false);
    }

    private async Task<StreamSubscriptionHandle> SubscribeAsync<T>(StreamId streamId, Func<T, CancellationToken, Task> onNext, StreamSubscriptionOptions? options)
    {
        await _link.ConnectAsync(CancellationToken.None).ConfigureAwait(false);
        var local = await _local.GetStream<T>(streamId).SubscribeAsync(onNext, options).ConfigureAwait(false);
        return await BindAsync(streamId, local).ConfigureAwait(false);
    }

    private async Task<StreamSubscriptionHandle> BindAsync(StreamId streamId, StreamSubscriptionHandle local)
    {
        try
        {
            await _bindings.AddAsync(streamId, () => _link.Current).ConfigureAwait(false);
        }
        catch
        {
            await local.UnsubscribeAsync().ConfigureAwait(false);
            throw;
        }

        return new RabbitMqStreamSubscription(local, () => _bindings.RemoveAsync(streamId, () => _link.Current));
    }

    private async Task PublishAsync<T>(StreamId streamId, T item, CancellationToken cancellationToken)
    {
        if (item is null) throw new ArgumentNullException(nameof(item), "Stream items cannot be null.");
        if (streamId.Key == StreamId.AllKeys) throw new ArgumentException($"'{StreamId.AllKeys}' names a namespace subscription, not a stream.", nameof(streamId));
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);

        var timeoutAfter = _settings.Options.PublishTimeout;
        using var timeout = new CancellationTokenSource(timeoutAfter, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await ConnectForPublishAsync(streamId, linked.Token).ConfigureAwait(false);
            var (properties, body) = StreamMessageCodec.Encode(streamId, item);
            var request = new PublishRequest(streamId, StreamTopology.RoutingKey(streamId), properties, body);
            try
            {
                await _lanes[StreamTopology.LaneOf(streamId, _lanes.Length)].EnqueueAsync(request, linked.Token).ConfigureAwait(false);
                await request.Completion.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                request.Abandon();
                throw;
            }
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var state = IsConnected ? "connected, no confirm yet" : "the broker is unreachable";
            throw new StreamPublishException(streamId, $"the broker did not confirm the item within {timeoutAfter} ({state}).", exception);
        }
    }

    private async Task ConnectForPublishAsync(StreamId streamId, CancellationToken cancellationToken)
    {
        try
        {
            await _link.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BrokerUnreachableException exception)
        {
            throw new StreamPublishException(streamId, $"the broker at {RabbitMqTransportOptionsValidator.Redact(_settings.Uri)} is unreachable.", exception);
        }
    }

    /// <summary>
    /// A delivery from the node queue, handed to the local subscriptions (run one at a time, in queue order). Throws only
    /// when <paramref name="sessionEnded"/> is cancelled: anything else is logged here, so the delivery is acknowledged
    /// rather than held unacknowledged (which would use up the prefetch window for good).
    /// </summary>
    private async Task DeliverAsync(BasicDeliverEventArgs delivery, CancellationToken sessionEnded)
    {
        try
        {
            await HandOverAsync(delivery, sessionEnded).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !sessionEnded.IsCancellationRequested)
        {
            LogDeliveryFailed(exception, delivery.RoutingKey);
        }
    }

    private async Task HandOverAsync(BasicDeliverEventArgs delivery, CancellationToken sessionEnded)
    {
        if (StreamMessageCodec.ReadEnvelope(delivery.BasicProperties) is not var (streamId, itemType))
        {
            LogNotAStreamItem(delivery.RoutingKey);
            return;
        }

        // Interest is checked again here: a binding may be on its way out, or a routing-key hash may collide.
        if (streamId.Key == StreamId.AllKeys || !_bindings.IsWanted(streamId)) return;
        if (_types.Resolve(itemType) is not { } type)
        {
            LogUnknownItemType(streamId, itemType);
            return;
        }

        object? item;
        try
        {
            item = StreamMessageCodec.DecodeItem(delivery.Body.Span, type);
        }
        catch (JsonException exception)
        {
            LogUndecodableItem(exception, streamId, itemType);
            return;
        }

        if (item is null) return;
        await _local.GetStream<object>(streamId).OnNextAsync(item, sessionEnded).ConfigureAwait(false);
    }

    /// <summary>Drops the broker connection as a network failure would (tests); the provider reconnects by itself.</summary>
    internal Task AbortConnectionAsync() => _link.AbortAsync();

    /// <summary>Ends every local subscription, fails unsent publishes, deletes this node's queue and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        var writers = Task.WhenAll(_lanes.Select(lane => lane.StopAsync()));
        try
        {
            await writers.WaitAsync(FlushLimit).ConfigureAwait(false); // let queued items go out while the connection is up
        }
        catch (TimeoutException)
        {
            // Still waiting for a broker that is away: the writers fail what is left once stopping is signalled.
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await writers.ConfigureAwait(false);
        await _local.DisposeAsync().ConfigureAwait(false);
        await _link.StopAsync(deleteQueue: true).ConfigureAwait(false);
    }

    [LoggerMessage(2807, LogLevel.Warning, "A message on the stream exchange (routing key {RoutingKey}) is not a stream item; ignored")]
    private partial void LogNotAStreamItem(string routingKey);

    [LoggerMessage(2808, LogLevel.Warning, "An item of stream {StreamId} has type {ItemType}, which this process does not have loaded; ignored")]
    private partial void LogUnknownItemType(StreamId streamId, string itemType);

    [LoggerMessage(2809, LogLevel.Warning, "An item of stream {StreamId} could not be read as {ItemType}; ignored")]
    private partial void LogUndecodableItem(Exception exception, StreamId streamId, string itemType);

    [LoggerMessage(2810, LogLevel.Error, "Handing a delivery (routing key {RoutingKey}) to the local subscriptions failed; it is dropped")]
    private partial void LogDeliveryFailed(Exception exception, string routingKey);

    private sealed class RabbitMqStream<T>(RabbitMqStreamProvider provider, StreamId streamId) : IAsyncStream<T>
    {
        public StreamId StreamId { get; } = streamId;

        public Task OnNextAsync(T item, CancellationToken cancellationToken = default) => provider.PublishAsync(StreamId, item, cancellationToken);

        public Task<StreamSubscriptionHandle> SubscribeAsync(Func<T, CancellationToken, Task> onNext, StreamSubscriptionOptions? options = null) =>
            provider.SubscribeAsync(StreamId, onNext, options);
    }
}
