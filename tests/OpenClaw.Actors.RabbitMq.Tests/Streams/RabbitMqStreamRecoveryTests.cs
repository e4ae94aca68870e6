using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.RabbitMq.Streams;
using OpenClaw.Actors.RabbitMq.Tests.Streams.Support;
using OpenClaw.Actors.RabbitMq.Tests.Support;
using OpenClaw.Actors.Streams;

namespace OpenClaw.Actors.RabbitMq.Tests.Streams;

/// <summary>
/// A lost connection (here dropped without a close handshake, as a network failure or broker restart would) is
/// repaired by the provider: it reconnects, declares its queue and bindings again, and publishing goes on. While the
/// broker is away, a publish waits at most PublishTimeout and then fails with a clear exception.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqStreamRecoveryTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task SubscriberConnectionLost_Reconnects_AndGetsLaterItems()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b");
        var id = StreamId.Create("session", Wait.NewKey());
        var received = new Received<int>();
        var namespaceReceived = new Received<int>();
        await using var subscription = await subscriber.GetStream<int>(id).SubscribeAsync(received.Handler);
        await using var namespaceSubscription = await subscriber.SubscribeNamespaceAsync<int>("session", (_, item, _) => namespaceReceived.Handler(item, default));
        await publisher.GetStream<int>(id).OnNextAsync(1).WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => received.Count >= 1, "item 1 arrived");

        await subscriber.AbortConnectionAsync().WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => subscriber.ConnectionGeneration == 2 && subscriber.IsConnected, "the subscriber reconnected");
        await publisher.GetStream<int>(id).OnNextAsync(2).WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => received.Items.Contains(2) && namespaceReceived.Items.Contains(2), "item 2 arrived after the reconnect");
        Assert.Equal([1, 2], received.Items);
        Assert.Equal([1, 2], namespaceReceived.Items);
    }

    [Fact]
    public async Task SubscriberConnectionLost_ItemsPublishedMeanwhile_WaitInItsQueue()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        // A slow reconnect, so items are certainly published while the subscriber has no connection.
        var subscriber = await nodes.StartAsync("b", options => options.ReconnectInterval = TimeSpan.FromSeconds(2));
        var id = StreamId.Create("session", Wait.NewKey());
        var received = new Received<int>();
        await using var subscription = await subscriber.GetStream<int>(id).SubscribeAsync(received.Handler);

        await subscriber.AbortConnectionAsync().WaitAsync(Wait.Timeout);
        for (var i = 0; i < 50; i++) await publisher.GetStream<int>(id).OnNextAsync(i).WaitAsync(Wait.Timeout);
        Assert.False(subscriber.IsConnected);

        await Wait.UntilAsync(() => received.Count >= 50, "the 50 items arrived after the reconnect");
        Assert.Equal(Enumerable.Range(0, 50), received.Items);
    }

    [Fact]
    public async Task PublisherConnectionLost_PublishWaitsForTheReconnect()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a", options => options.ReconnectInterval = TimeSpan.FromMilliseconds(500));
        var subscriber = await nodes.StartAsync("b");
        var id = StreamId.Create("session", Wait.NewKey());
        var received = new Received<int>();
        await using var subscription = await subscriber.GetStream<int>(id).SubscribeAsync(received.Handler);

        await publisher.AbortConnectionAsync().WaitAsync(Wait.Timeout);
        Assert.False(publisher.IsConnected);
        for (var i = 0; i < 20; i++) await publisher.GetStream<int>(id).OnNextAsync(i).WaitAsync(Wait.Timeout);

        Assert.Equal(2, publisher.ConnectionGeneration);
        await Wait.UntilAsync(() => received.Count >= 20, "the 20 items arrived");
        Assert.Equal(Enumerable.Range(0, 20), received.Items);
    }

    [Fact]
    public async Task BrokerAwayLongerThanPublishTimeout_PublishFailsWithStreamPublishException()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a", options =>
        {
            options.ReconnectInterval = TimeSpan.FromMinutes(1);
            options.PublishTimeout = TimeSpan.FromMilliseconds(300);
        });
        var id = StreamId.Create("session", Wait.NewKey());

        await publisher.AbortConnectionAsync().WaitAsync(Wait.Timeout);
        var exception = await Assert.ThrowsAsync<StreamPublishException>(() => publisher.GetStream<int>(id).OnNextAsync(1).WaitAsync(Wait.Timeout));

        Assert.Equal(id, exception.StreamId);
        Assert.Contains("unreachable", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokerUnreachableAtStart_PublishFailsWithStreamPublishException()
    {
        await using var services = new ServiceCollection()
            .AddRabbitMqStreams(options => options.Uri = "amqp://guest:guest@127.0.0.1:1/")
            .BuildServiceProvider();
        var provider = (RabbitMqStreamProvider)services.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default);

        var exception = await Assert.ThrowsAsync<StreamPublishException>(() =>
            provider.GetStream<int>(StreamId.Create("session", "k")).OnNextAsync(1).WaitAsync(Wait.Timeout));

        Assert.Contains("127.0.0.1:1", exception.Message, StringComparison.Ordinal);
    }
}
