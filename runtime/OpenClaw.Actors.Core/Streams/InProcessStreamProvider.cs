using Microsoft.Extensions.Logging;

namespace OpenClaw.Actors.Streams;

/// <summary>
/// Streams inside one process (the embedded silo and its front tier). An item published on a stream reaches every
/// subscription that exists when it is published, in publish order per stream; a subscription of type
/// <c>T</c> receives the items that are a <c>T</c>. Publishing to a stream nobody subscribes to is a no-op.
/// <para>
/// Each subscription owns a bounded queue (<see cref="StreamSubscriptionOptions.Capacity"/>) and one task that
/// drains it into the handler, so a slow handler delays only itself. Overflow rule, per subscription:
/// <see cref="StreamOverflowPolicy.DropOldest"/> drops the oldest queued item, counts it in
/// <see cref="StreamSubscriptionHandle.DroppedCount"/>, and never makes the publisher wait;
/// <see cref="StreamOverflowPolicy.Wait"/> makes the publisher wait for room, bounded by the publisher's cancellation
/// token (a cancelled publish may have reached some subscriptions and not others). Publishes to one stream are
/// serialized, which is what keeps every subscription in the same order; so under Wait, a full subscription also
/// holds up other publishers of that stream (never other streams).
/// </para>
/// A handler that throws is logged and keeps its subscription. Unsubscribing stops delivery at once (the handler's
/// token is cancelled, queued items are discarded) and ends the drain task.
/// </summary>
public sealed partial class InProcessStreamProvider(string name, ILogger<InProcessStreamProvider> logger) : IStreamProvider, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<StreamId, StreamHub> _hubs = [];

    public string Name { get; } = name;

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new InProcessStream<T>(this, streamId);

    /// <summary>Ends every subscription (host shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        List<ISubscription> all;
        lock (_lock) all = [.. _hubs.Values.SelectMany(hub => hub.Subscriptions)];
        foreach (var subscription in all) await subscription.UnsubscribeAsync().ConfigureAwait(false);
    }

    public Task<StreamSubscriptionHandle> SubscribeNamespaceAsync<T>(string @namespace, Func<StreamId, T, CancellationToken, Task> onNext, StreamSubscriptionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentNullException.ThrowIfNull(onNext);
        // Filed under the namespace's wildcard id, so removal and the hub bookkeeping work as for a single stream.
        return SubscribeAsync<StreamEnvelope>(
            StreamId.Create(@namespace, StreamId.AllKeys),
            (envelope, ct) => envelope.Item is T typed ? onNext(envelope.StreamId, typed, ct) : Task.CompletedTask,
            options);
    }

    internal async Task PublishAsync<T>(StreamId streamId, T item, CancellationToken cancellationToken)
    {
        if (streamId.Key == StreamId.AllKeys) throw new ArgumentException($"'{StreamId.AllKeys}' names a namespace subscription, not a stream.", nameof(streamId));
        StreamHub? hub, namespaceHub;
        lock (_lock)
        {
            _hubs.TryGetValue(streamId, out hub);
            _hubs.TryGetValue(StreamId.Create(streamId.Namespace, StreamId.AllKeys), out namespaceHub);
        }
        if (hub is not null) await hub.PublishAsync(item, cancellationToken).ConfigureAwait(false);
        if (namespaceHub is not null) await namespaceHub.PublishAsync(new StreamEnvelope(streamId, item!), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An item on its way to namespace subscribers, with the stream it was published on.</summary>
    private sealed record StreamEnvelope(StreamId StreamId, object Item);

    internal Task<StreamSubscriptionHandle> SubscribeAsync<T>(StreamId streamId, Func<T, CancellationToken, Task> onNext, StreamSubscriptionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(onNext);
        options ??= StreamSubscriptionOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options));

        var subscription = new Subscription<T>(this, streamId, onNext, options);
        lock (_lock)
        {
            if (!_hubs.TryGetValue(streamId, out var hub))
            {
                hub = new StreamHub();
                _hubs.Add(streamId, hub);
            }

            hub.Add(subscription);
        }

        subscription.Start();
        return Task.FromResult<StreamSubscriptionHandle>(subscription);
    }

    internal void Remove(StreamId streamId, ISubscription subscription)
    {
        lock (_lock)
        {
            if (_hubs.TryGetValue(streamId, out var hub) && hub.Remove(subscription))
                _hubs.Remove(streamId); // only streams with subscribers are kept
        }
    }

    [LoggerMessage(2600, LogLevel.Warning, "A subscriber of stream {StreamId} on provider {Provider} threw; the subscription goes on")]
    internal partial void LogHandlerFailed(Exception exception, StreamId streamId, string provider);

    [LoggerMessage(2601, LogLevel.Warning, "A subscriber of stream {StreamId} on provider {Provider} did not stop within {Timeout} after unsubscribing")]
    internal partial void LogDrainDidNotStop(StreamId streamId, string provider, TimeSpan timeout);

    private sealed class InProcessStream<T>(InProcessStreamProvider provider, StreamId streamId) : IAsyncStream<T>
    {
        public StreamId StreamId { get; } = streamId;

        public Task OnNextAsync(T item, CancellationToken cancellationToken = default)
            => provider.PublishAsync(StreamId, item, cancellationToken);

        public Task<StreamSubscriptionHandle> SubscribeAsync(Func<T, CancellationToken, Task> onNext, StreamSubscriptionOptions? options = null)
            => provider.SubscribeAsync(StreamId, onNext, options);
    }
}
