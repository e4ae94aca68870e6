using System.Threading.Channels;

namespace OpenClaw.Actors.Streams;

/// <summary>What a stream hub sees of a subscription, whatever its item type.</summary>
internal interface ISubscription
{
    ValueTask EnqueueAsync(object item, CancellationToken cancellationToken);
    Task UnsubscribeAsync();
}

/// <summary>
/// One subscription: a bounded queue with the subscription's overflow rule, drained by one task into the handler.
/// See <see cref="InProcessStreamProvider"/> for the delivery rules.
/// </summary>
internal sealed class Subscription<T> : StreamSubscriptionHandle, ISubscription
{
    /// <summary>How long unsubscribing waits for a handler that ignores its cancellation token.</summary>
    private static readonly TimeSpan DrainStopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>True in the drain task's flow, so a handler that unsubscribes its own subscription does not wait for itself.</summary>
    private readonly AsyncLocal<bool> _inDrain = new();

    private readonly InProcessStreamProvider _provider;
    private readonly Func<T, CancellationToken, Task> _onNext;
    private readonly Channel<T> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private Task _drain = Task.CompletedTask;
    private long _droppedCount;
    private int _unsubscribed;

    public Subscription(InProcessStreamProvider provider, StreamId streamId, Func<T, CancellationToken, Task> onNext, StreamSubscriptionOptions options)
    {
        _provider = provider;
        _onNext = onNext;
        StreamId = streamId;
        var channelOptions = new BoundedChannelOptions(options.Capacity)
        {
            FullMode = options.OverflowPolicy == StreamOverflowPolicy.Wait ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true, // the hub serializes publishes
        };
        _queue = Channel.CreateBounded<T>(channelOptions, _ => Interlocked.Increment(ref _droppedCount));
    }

    public override StreamId StreamId { get; }

    public override long DroppedCount => Interlocked.Read(ref _droppedCount);

    public void Start() => _drain = Task.Run(DrainAsync);

    public async ValueTask EnqueueAsync(object item, CancellationToken cancellationToken)
    {
        if (item is not T typed) return; // a subscription of T gets the items that are a T
        try
        {
            await _queue.Writer.WriteAsync(typed, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Unsubscribed while the publisher waited for room: nothing to deliver to.
        }
    }

    public override async Task UnsubscribeAsync()
    {
        if (Interlocked.Exchange(ref _unsubscribed, 1) == 1) return;
        _provider.Remove(StreamId, this);
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_inDrain.Value) return;
        try
        {
            await _drain.WaitAsync(DrainStopTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _provider.LogDrainDidNotStop(StreamId, _provider.Name, DrainStopTimeout);
        }
    }

    private async Task DrainAsync()
    {
        var stopping = _stopping.Token;
        _inDrain.Value = true;
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await _onNext(item, stopping).ConfigureAwait(false);
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    return; // unsubscribed mid-item: whatever the handler threw is the cancellation's doing
                }
                catch (Exception ex)
                {
                    _provider.LogHandlerFailed(ex, StreamId, _provider.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Unsubscribed while waiting for the next item.
        }
    }
}
