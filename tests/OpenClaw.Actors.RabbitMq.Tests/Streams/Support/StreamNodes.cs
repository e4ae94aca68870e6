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
public sealed class StreamNodes(RabbitMqBroker broker) : IAsyncDisposable
{
    private readonly List<ServiceProvider> _nodes = [];

    public string Prefix { get; } = RabbitMqBroker.NewPrefix();

    public string Exchange => $"{Prefix}.streams";

    public async Task<RabbitMqStreamProvider> StartAsync(string nodeName, Action<RabbitMqStreamOptions>? configure = null)
    {
        var services = new ServiceCollection()
            .AddRabbitMqStreams(options =>
            {
                options.Uri = RabbitMqBroker.Uri;
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
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var channel = await broker.Connection.CreateChannelAsync(options);
        try
        {
            // Not a stream item (no type): a node that gets it ignores it.
            await channel.BasicPublishAsync(Exchange, StreamTopology.RoutingKey(streamId), mandatory: true, new BasicProperties(), ReadOnlyMemory<byte>.Empty)
                .AsTask().WaitAsync(Wait.Timeout);
            return true;
        }
        catch (PublishException exception) when (exception.IsReturn)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="queue"/> exists on the broker.</summary>
    public async Task<bool> QueueExistsAsync(string queue)
    {
        await using var channel = await broker.Connection.CreateChannelAsync();
        try
        {
            await channel.QueueDeclarePassiveAsync(queue).WaitAsync(Wait.Timeout);
            return true;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return false;
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

        await using (var channel = await broker.Connection.CreateChannelAsync()) await channel.ExchangeDeleteAsync(Exchange);
        if (first is not null) throw first;
    }
}
