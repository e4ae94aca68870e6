using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.RabbitMq.Streams;
using OpenClaw.Actors.RabbitMq.Tests.Support;
using OpenClaw.Actors.Streams;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace OpenClaw.Actors.RabbitMq.Tests.Streams.Support;

/// <summary>
/// The nodes of one test: each its own service provider with <c>AddRabbitMqStreams</c>, so its own connection and
/// node queue, all on an exchange prefix no other test uses. Disposing stops every node (the first failure is kept)
/// and deletes the test's exchange.
/// </summary>
public sealed class StreamNodes(string uri, Func<Task<IConnection>> adminConnection, bool ownsAdminConnections) : IAsyncDisposable
{
    private readonly List<ServiceProvider> _nodes = [];

    /// <summary>Nodes on the shared broker; broker-side checks use the fixture's connection.</summary>
    public StreamNodes(RabbitMqBroker broker) : this(RabbitMqBroker.Uri, () => Task.FromResult(broker.Connection), ownsAdminConnections: false)
    {
    }

    /// <summary>Nodes on the tests' own restartable broker; broker-side checks open a connection each.</summary>
    public StreamNodes(RestartableBroker broker) : this(broker.Uri, broker.ConnectAsync, ownsAdminConnections: true)
    {
    }

    public string Prefix { get; } = RabbitMqBroker.NewPrefix();

    public string Exchange => $"{Prefix}.streams";

    public async Task<RabbitMqStreamProvider> StartAsync(string nodeName, Action<RabbitMqStreamOptions>? configure = null)
    {
        var services = new ServiceCollection()
            .AddRabbitMqStreams(options =>
            {
                options.Uri = uri;
                options.Prefix = Prefix;
                options.NodeName = nodeName;
                options.ReconnectInterval = TimeSpan.FromMilliseconds(100);
                configure?.Invoke(options);
            })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _nodes.Add(services);
        var provider = (RabbitMqStreamProvider)services.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default);
        await provider.ConnectAsync(CancellationToken.None).WaitAsync(Wait.Timeout);
        return provider;
    }

    /// <summary>True when the broker routes <paramref name="streamId"/>'s items to at least one queue (a mandatory publish is not returned).</summary>
    public async Task<bool> IsRoutedAsync(StreamId streamId)
    {
        var routed = true;
        await WithChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), async channel =>
        {
            try
            {
                // Not a stream item (no type): a node that gets it ignores it.
                await channel.BasicPublishAsync(Exchange, StreamTopology.RoutingKey(streamId), mandatory: true, new BasicProperties(), ReadOnlyMemory<byte>.Empty)
                    .AsTask().WaitAsync(Wait.Timeout);
            }
            catch (PublishException exception) when (exception.IsReturn)
            {
                routed = false;
            }
        });
        return routed;
    }

    /// <summary>True when <paramref name="queue"/> exists on the broker.</summary>
    public async Task<bool> QueueExistsAsync(string queue)
    {
        var exists = true;
        await WithChannelAsync(null, async channel =>
        {
            try
            {
                await channel.QueueDeclarePassiveAsync(queue).WaitAsync(Wait.Timeout);
            }
            catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.NotFound)
            {
                exists = false;
            }
        });
        return exists;
    }

    private async Task WithChannelAsync(CreateChannelOptions? options, Func<IChannel, Task> use)
    {
        var connection = await adminConnection();
        try
        {
            await using var channel = await connection.CreateChannelAsync(options).WaitAsync(Wait.Timeout);
            await use(channel);
        }
        finally
        {
            if (ownsAdminConnections) await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Exception? first = null;
        foreach (var node in _nodes)
        {
            try
            {
                await node.DisposeAsync().AsTask().WaitAsync(Wait.Timeout);
            }
            catch (Exception exception)
            {
                first ??= exception;
            }
        }

        await WithChannelAsync(null, channel => channel.ExchangeDeleteAsync(Exchange));
        if (first is not null) throw first;
    }
}
