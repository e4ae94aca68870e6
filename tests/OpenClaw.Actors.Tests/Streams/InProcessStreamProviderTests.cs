using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Streams;

namespace OpenClaw.Actors.Tests.Streams;

/// <summary>
/// In-process streams carry agent and chat events from grains to the front tier: every subscriber must see a
/// stream's items in publish order, a slow subscriber must not hold up others (its own bounded queue, with a written
/// overflow rule), a throwing subscriber must not lose its subscription, and unsubscribing must stop delivery.
/// </summary>
public sealed class InProcessStreamProviderTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ListLogger<InProcessStreamProvider> _logger = new();
    private readonly InProcessStreamProvider _provider;

    public InProcessStreamProviderTests() => _provider = new InProcessStreamProvider("test", _logger);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private static StreamId NewStreamId() => StreamId.Create("session", Guid.NewGuid().ToString("N"));

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > Timeout) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(5);
        }
    }

    /// <summary>A handler that records items and, while <see cref="Gate"/> is closed, blocks on it.</summary>
    private sealed class GatedHandler<T>
    {
        private readonly ConcurrentQueue<T> _received = new();

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<T> Received => [.. _received];

        public async Task HandleAsync(T item, CancellationToken cancellationToken)
        {
            _received.Enqueue(item);
            await Gate.Task.WaitAsync(cancellationToken);
        }
    }

    [Fact]
    public async Task OnNext_WithoutSubscribers_CompletesAsANoOp()
    {
        var stream = _provider.GetStream<int>(NewStreamId());

        await stream.OnNextAsync(1).WaitAsync(Timeout);
    }

    [Fact]
    public async Task OnNext_ConcurrentPublishersOnOneStream_EverySubscriberSeesOneOrderKeepingEachPublishersOrder()
    {
        var stream = _provider.GetStream<(int Publisher, int Seq)>(NewStreamId());
        var received = Enumerable.Range(0, 3).Select(_ => new ConcurrentQueue<(int, int)>()).ToArray();
        foreach (var queue in received)
            await stream.SubscribeAsync((item, _) => { queue.Enqueue(item); return Task.CompletedTask; },
                new StreamSubscriptionOptions { Capacity = 16, OverflowPolicy = StreamOverflowPolicy.Wait });
        const int publishers = 4, perPublisher = 250;

        await Task.WhenAll(Enumerable.Range(0, publishers).Select(p => Task.Run(async () =>
        {
            for (var seq = 0; seq < perPublisher; seq++) await stream.OnNextAsync((p, seq));
        }))).WaitAsync(Timeout);
        await WaitUntilAsync(() => received.All(q => q.Count == publishers * perPublisher), "all items");

        var first = received[0].ToList();
        Assert.All(received, queue => Assert.Equal(first, queue.ToList()));
        for (var p = 0; p < publishers; p++)
            Assert.Equal(Enumerable.Range(0, perPublisher), first.Where(item => item.Item1 == p).Select(item => item.Item2));
    }

    [Fact]
    public async Task OnNext_OnAnotherStream_IsNotDelivered()
    {
        var received = new ConcurrentQueue<string>();
        var mine = _provider.GetStream<string>(NewStreamId());
        var other = _provider.GetStream<string>(NewStreamId());
        await mine.SubscribeAsync((item, _) => { received.Enqueue(item); return Task.CompletedTask; });

        await other.OnNextAsync("not for me");
        await mine.OnNextAsync("for me");
        await WaitUntilAsync(() => received.Count == 1, "the item of my stream");

        Assert.Equal(["for me"], received);
    }

    [Fact]
    public async Task DropOldest_SlowSubscriber_DropsAndCountsTheOldestWithoutBlockingThePublisherOrOthers()
    {
        var stream = _provider.GetStream<int>(NewStreamId());
        var slow = new GatedHandler<int>();
        var fast = new ConcurrentQueue<int>();
        var slowHandle = await stream.SubscribeAsync(slow.HandleAsync, new StreamSubscriptionOptions { Capacity = 4 });
        var fastHandle = await stream.SubscribeAsync((item, _) => { fast.Enqueue(item); return Task.CompletedTask; },
            new StreamSubscriptionOptions { Capacity = 64 });
        await stream.OnNextAsync(0);
        await WaitUntilAsync(() => slow.Received.Count == 1, "the slow handler to hold item 0");

        for (var i = 1; i <= 10; i++)
            await stream.OnNextAsync(i).WaitAsync(Timeout); // never waits for the slow subscriber
        await WaitUntilAsync(() => fast.Count == 11, "the fast subscriber to get everything");
        slow.Gate.SetResult();
        await WaitUntilAsync(() => slow.Received.Count == 5, "the slow subscriber to drain");

        Assert.Equal([0, 7, 8, 9, 10], slow.Received);
        Assert.Equal(6, slowHandle.DroppedCount);
        Assert.Equal(0, fastHandle.DroppedCount);
        Assert.Equal(Enumerable.Range(0, 11), fast);
    }

    [Fact]
    public async Task Wait_FullSubscription_MakesThePublisherWaitUntilThereIsRoomOrItsTokenIsCancelled()
    {
        var stream = _provider.GetStream<int>(NewStreamId());
        var handler = new GatedHandler<int>();
        var handle = await stream.SubscribeAsync(handler.HandleAsync,
            new StreamSubscriptionOptions { Capacity = 2, OverflowPolicy = StreamOverflowPolicy.Wait });
        await stream.OnNextAsync(0);
        await WaitUntilAsync(() => handler.Received.Count == 1, "the handler to hold item 0");
        await stream.OnNextAsync(1).WaitAsync(Timeout);
        await stream.OnNextAsync(2).WaitAsync(Timeout);

        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.OnNextAsync(3, cancel.Token).WaitAsync(Timeout));
        var blocked = stream.OnNextAsync(3);
        Assert.False(blocked.IsCompleted);
        handler.Gate.SetResult();
        await blocked.WaitAsync(Timeout);
        await WaitUntilAsync(() => handler.Received.Count == 4, "all items");

        Assert.Equal([0, 1, 2, 3], handler.Received);
        Assert.Equal(0, handle.DroppedCount);
    }

    [Fact]
    public async Task Handler_ThatThrows_IsLoggedAndKeepsReceiving()
    {
        var stream = _provider.GetStream<int>(NewStreamId());
        var received = new ConcurrentQueue<int>();
        await stream.SubscribeAsync((item, _) =>
        {
            received.Enqueue(item);
            return item == 1 ? throw new InvalidOperationException("handler bug") : Task.CompletedTask;
        });

        for (var i = 0; i < 4; i++) await stream.OnNextAsync(i);
        await WaitUntilAsync(() => received.Count == 4, "items after the failure");

        Assert.Equal([0, 1, 2, 3], received);
        var entry = Assert.Single(_logger.Entries, e => e.EventId.Id == 2600);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task Unsubscribe_WhileTheHandlerRuns_CancelsItAndStopsDelivery()
    {
        var stream = _provider.GetStream<int>(NewStreamId());
        var handler = new GatedHandler<int>();
        var other = new ConcurrentQueue<int>();
        var handle = await stream.SubscribeAsync(handler.HandleAsync);
        await stream.SubscribeAsync((item, _) => { other.Enqueue(item); return Task.CompletedTask; });
        await stream.OnNextAsync(0);
        await stream.OnNextAsync(1); // queued behind the blocked item 0
        await WaitUntilAsync(() => handler.Received.Count == 1, "the handler to hold item 0");

        await handle.UnsubscribeAsync().WaitAsync(Timeout); // returns only once the drain task has ended
        await stream.OnNextAsync(2);
        await WaitUntilAsync(() => other.Count == 3, "the other subscriber");

        Assert.Equal([0], handler.Received);
        await handle.UnsubscribeAsync().WaitAsync(Timeout); // idempotent
    }

    [Fact]
    public async Task Unsubscribe_FromInsideItsOwnHandler_DoesNotDeadlock()
    {
        var stream = _provider.GetStream<int>(NewStreamId());
        var received = new ConcurrentQueue<int>();
        var unsubscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        StreamSubscriptionHandle? handle = null;
        handle = await stream.SubscribeAsync(async (item, _) =>
        {
            received.Enqueue(item);
            await handle!.UnsubscribeAsync();
            unsubscribed.SetResult();
        });

        await stream.OnNextAsync(0);
        await unsubscribed.Task.WaitAsync(Timeout);
        await stream.OnNextAsync(1);

        Assert.Equal([0], received);
    }

    [Fact]
    public async Task Subscription_OfABaseType_ReceivesDerivedItemsAndOtherTypesAreSkipped()
    {
        var id = NewStreamId();
        var events = new ConcurrentQueue<object>();
        var numbers = new ConcurrentQueue<int>();
        await _provider.GetStream<object>(id).SubscribeAsync((item, _) => { events.Enqueue(item); return Task.CompletedTask; });
        await _provider.GetStream<int>(id).SubscribeAsync((item, _) => { numbers.Enqueue(item); return Task.CompletedTask; });

        await _provider.GetStream<string>(id).OnNextAsync("text");
        await _provider.GetStream<int>(id).OnNextAsync(5);
        await WaitUntilAsync(() => events.Count == 2 && numbers.Count == 1, "both deliveries");

        Assert.Equal(["text", 5], events);
        Assert.Equal([5], numbers);
    }

    [Fact]
    public async Task AddInProcessStreams_RegistersAKeyedProviderUnderItsName()
    {
        await using var services = new ServiceCollection().AddInProcessStreams().AddInProcessStreams("other").BuildServiceProvider();

        var provider = services.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default);

        Assert.IsType<InProcessStreamProvider>(provider);
        Assert.Equal("default", provider.Name);
        Assert.Equal("other", services.GetRequiredKeyedService<IStreamProvider>("other").Name);
    }
}
