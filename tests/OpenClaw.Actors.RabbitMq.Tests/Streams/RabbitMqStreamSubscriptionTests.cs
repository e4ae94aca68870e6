using OpenClaw.Actors.RabbitMq.Tests.Streams.Support;
using OpenClaw.Actors.RabbitMq.Tests.Support;

namespace OpenClaw.Actors.RabbitMq.Tests.Streams;

/// <summary>
/// A node queue is bound exactly to what the node's subscriptions want, and the bindings follow them; each local
/// subscription keeps the in-process provider's bounded queue and overflow rule.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqStreamSubscriptionTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Unsubscribe_LastSubscriptionOfAStream_RemovesTheBinding()
    {
        await using var nodes = new StreamNodes(broker);
        var node = await nodes.StartAsync("b");
        var id = StreamId.Create("session", Wait.NewKey());
        Assert.False(await nodes.IsRoutedAsync(id));

        var first = await node.GetStream<string>(id).SubscribeAsync((_, _) => Task.CompletedTask);
        var second = await node.GetStream<string>(id).SubscribeAsync((_, _) => Task.CompletedTask);
        Assert.True(await nodes.IsRoutedAsync(id));

        await first.UnsubscribeAsync().WaitAsync(Wait.Timeout);
        Assert.True(await nodes.IsRoutedAsync(id)); // the second subscription still wants it

        await second.UnsubscribeAsync().WaitAsync(Wait.Timeout);
        Assert.False(await nodes.IsRoutedAsync(id));
    }

    [Fact]
    public async Task Unsubscribe_NamespaceSubscription_RemovesTheNamespaceBinding()
    {
        await using var nodes = new StreamNodes(broker);
        var node = await nodes.StartAsync("b");
        var id = StreamId.Create("session", Wait.NewKey());

        var subscription = await node.SubscribeNamespaceAsync<string>("session", (_, _, _) => Task.CompletedTask);
        Assert.True(await nodes.IsRoutedAsync(id));
        Assert.False(await nodes.IsRoutedAsync(StreamId.Create("cron", id.Key)));

        await subscription.UnsubscribeAsync().WaitAsync(Wait.Timeout);
        Assert.False(await nodes.IsRoutedAsync(id));
    }

    [Fact]
    public async Task Unsubscribe_StopsDeliveryToThatSubscriptionOnly()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b");
        var id = StreamId.Create("session", Wait.NewKey());
        var kept = new Received<int>();
        var gone = new Received<int>();
        await using var keep = await subscriber.GetStream<int>(id).SubscribeAsync(kept.Handler);
        var leave = await subscriber.GetStream<int>(id).SubscribeAsync(gone.Handler);

        await publisher.GetStream<int>(id).OnNextAsync(1).WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => kept.Count >= 1 && gone.Count >= 1, "both subscriptions have item 1");
        await leave.UnsubscribeAsync().WaitAsync(Wait.Timeout);
        await publisher.GetStream<int>(id).OnNextAsync(2).WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => kept.Count >= 2, "the remaining subscription has item 2");
        Assert.Equal([1, 2], kept.Items);
        Assert.Equal([1], gone.Items);
    }

    [Fact]
    public async Task DropOldest_SlowSubscriber_DropsTheOldestAndCountsThem()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b");
        var id = StreamId.Create("session", Wait.NewKey());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new Received<int>();
        await using var subscription = await subscriber.GetStream<int>(id).SubscribeAsync(async (item, ct) =>
        {
            received.Add(item);
            await gate.Task.WaitAsync(ct); // the first item holds the handler until every item has been queued
        }, new StreamSubscriptionOptions { Capacity = 10, OverflowPolicy = StreamOverflowPolicy.DropOldest });

        await publisher.GetStream<int>(id).OnNextAsync(0).WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => received.Count >= 1, "the handler holds item 0");
        for (var i = 1; i < 100; i++) await publisher.GetStream<int>(id).OnNextAsync(i).WaitAsync(Wait.Timeout);
        // Item 0 is in the handler, 1..99 went through a queue of 10: 89 dropped, 90..99 kept.
        await Wait.UntilAsync(() => subscription.DroppedCount >= 89, "89 items were dropped");
        gate.SetResult();

        await Wait.UntilAsync(() => received.Count >= 11, "the subscriber has the kept items");
        Assert.Equal(89, subscription.DroppedCount);
        Assert.Equal([0, .. Enumerable.Range(90, 10)], received.Items);
    }

    [Fact]
    public async Task WaitPolicy_SlowSubscriber_LosesNothing()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b", options => options.Prefetch = 4);
        var id = StreamId.Create("session", Wait.NewKey());
        var received = new Received<int>();
        await using var subscription = await subscriber.GetStream<int>(id).SubscribeAsync(async (item, ct) =>
        {
            received.Add(item);
            await Task.Yield();
        }, new StreamSubscriptionOptions { Capacity = 2, OverflowPolicy = StreamOverflowPolicy.Wait });

        // Publishers never wait for a remote subscriber: the backlog waits in the node queue.
        for (var i = 0; i < 300; i++) await publisher.GetStream<int>(id).OnNextAsync(i).WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => received.Count >= 300, "the subscriber has all 300 items");
        Assert.Equal(Enumerable.Range(0, 300), received.Items);
        Assert.Equal(0, subscription.DroppedCount);
    }

    [Fact]
    public async Task NodeQueueFull_BrokerDropsTheOldest()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b", options =>
        {
            options.NodeQueueMaxLength = 20;
            options.Prefetch = 1;
        });
        var id = StreamId.Create("session", Wait.NewKey());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new Received<int>();
        await using var subscription = await subscriber.GetStream<int>(id).SubscribeAsync(async (item, ct) =>
        {
            received.Add(item);
            await gate.Task.WaitAsync(ct);
        }, new StreamSubscriptionOptions { Capacity = 1, OverflowPolicy = StreamOverflowPolicy.Wait });

        // The handler holds one item, the subscription queue one, the consumer one unacked (prefetch 1); the rest waits
        // in the node queue, which keeps the newest 20.
        for (var i = 0; i < 100; i++) await publisher.GetStream<int>(id).OnNextAsync(i).WaitAsync(Wait.Timeout);
        gate.SetResult();

        await Wait.UntilAsync(() => received.Items.Contains(99), "the subscriber has the last item");
        var items = received.Items;
        Assert.Equal(Enumerable.Range(80, 20), items.TakeLast(20));
        Assert.InRange(items.Count, 21, 23);
        Assert.Equal(items.Order(), items);
    }

    [Fact]
    public async Task Dispose_DeletesTheNodeQueue()
    {
        await using var nodes = new StreamNodes(broker);
        var node = await nodes.StartAsync("b");
        await using var subscription = await node.SubscribeNamespaceAsync<string>("session", (_, _, _) => Task.CompletedTask);
        Assert.True(await nodes.QueueExistsAsync(node.NodeQueue));

        await node.DisposeAsync().AsTask().WaitAsync(Wait.Timeout);

        Assert.False(await nodes.QueueExistsAsync(node.NodeQueue));
        Assert.False(await nodes.IsRoutedAsync(StreamId.Create("session", "k")));
    }
}
