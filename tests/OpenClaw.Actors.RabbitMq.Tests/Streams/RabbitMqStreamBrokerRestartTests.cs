using OpenClaw.Actors.RabbitMq.Streams;
using OpenClaw.Actors.RabbitMq.Tests.Streams.Support;
using OpenClaw.Actors.RabbitMq.Tests.Support;
using Xunit.Abstractions;

namespace OpenClaw.Actors.RabbitMq.Tests.Streams;

/// <summary>
/// The broker restarts (the tests' own instance, never the shared one): the node queues were transient and are gone,
/// so each provider must reconnect by itself and declare its queue and bindings again; delivery then goes on.
/// </summary>
[Collection(RestartableBrokerCollection.Name)]
public sealed class RabbitMqStreamBrokerRestartTests(RestartableBroker broker, ITestOutputHelper output)
{
    private static readonly TimeSpan ReconnectBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BrokerRestarts_ProvidersReconnectAndRedeclare_DeliveryGoesOn()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a", options => options.PublishTimeout = TimeSpan.FromMilliseconds(500));
        var subscriber = await nodes.StartAsync("b");
        var id = StreamId.Create("session", Wait.NewKey());
        var received = new Received<int>();
        await using var subscription = await subscriber.SubscribeNamespaceAsync<int>("session", (_, item, _) => received.Handler(item, default));
        await publisher.GetStream<int>(id).OnNextAsync(1).WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => received.Count >= 1, "item 1 arrived");

        var restart = broker.RestartAsync();
        await Wait.UntilAsync(() => !publisher.IsConnected, "the publisher noticed the broker left", ReconnectBound);
        await Assert.ThrowsAsync<StreamPublishException>(() => publisher.GetStream<int>(id).OnNextAsync(-1).WaitAsync(Wait.Timeout));
        await restart.WaitAsync(TimeSpan.FromMinutes(4));
        await Wait.UntilAsync(() => publisher.IsConnected && subscriber.IsConnected, "both providers reconnected", ReconnectBound);
        output.WriteLine($"generations after the restart: publisher {publisher.ConnectionGeneration}, subscriber {subscriber.ConnectionGeneration}");

        await publisher.GetStream<int>(id).OnNextAsync(2).WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => received.Items.Contains(2), "item 2 arrived after the restart");
        Assert.Equal([1, 2], received.Items);
        Assert.True(await nodes.QueueExistsAsync(subscriber.NodeQueue));
    }
}
