using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Actors.Diagnostics;
using OpenClaw.Actors.RabbitMq;

namespace OpenClaw.Gateway.Tests.Dashboard;

/// <summary>
/// One node of a test cluster reduced to its dashboard parts: a front (<c>AddRabbitMqClusterStatus</c>) or a silo
/// (<c>AddEmbeddedSilo</c> + <c>AddRabbitMqSiloStatus</c>), with its hosted services started and stopped by hand.
/// </summary>
internal sealed class StatusNode : IAsyncDisposable
{
    public static readonly TimeSpan BeatInterval = TimeSpan.FromMilliseconds(200);

    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private StatusNode(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    /// <param name="withGrainClient">Also registers the RabbitMQ grain call client, so the test can call grains through this front.</param>
    public static Task<StatusNode> StartFrontAsync(string prefix, int shardCount, string name, FrontCounters counters, bool withGrainClient = false) =>
        StartAsync(prefix, shardCount, services =>
        {
            if (withGrainClient) services.AddRabbitMqClusterClient();
            services.AddSingleton<IFrontStatusSource>(new FixedFrontStatus(counters));
            services.AddRabbitMqClusterStatus(name, status => status.BeatInterval = BeatInterval);
        });

    /// <summary>A silo that consumes the shard queues and hosts <see cref="DashboardProbeGrain"/>.</summary>
    public static Task<StatusNode> StartShardSiloAsync(string prefix, int shardCount, string name) =>
        StartAsync(prefix, shardCount, services =>
        {
            services.AddGrain<IDashboardProbeGrain, DashboardProbeGrain>();
            services.AddEmbeddedSilo(silo => silo.SiloName = name);
            services.AddRabbitMqSiloTransport();
            services.AddRabbitMqSiloStatus(status => status.BeatInterval = BeatInterval);
        });

    public static Task<StatusNode> StartSiloAsync(string prefix, int shardCount, string name) =>
        StartAsync(prefix, shardCount, services =>
        {
            services.AddEmbeddedSilo(silo => silo.SiloName = name);
            services.AddRabbitMqSiloStatus(status => status.BeatInterval = BeatInterval);
        });

    /// <summary>Stops the node's beats, as a node that died would.</summary>
    public async Task StopAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
            await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        _started.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await _services.DisposeAsync();
        }
    }

    private static async Task<StatusNode> StartAsync(string prefix, int shardCount, Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configure(services);
        services.Configure<RabbitMqTransportOptions>(transport =>
        {
            transport.Uri = DashboardBroker.Uri;
            transport.QueuePrefix = prefix;
            transport.ShardCount = shardCount;
        });
        var node = new StatusNode(services.BuildServiceProvider());
        foreach (var service in node._services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            node._started.Add(service);
        }

        return node;
    }

    private sealed class FixedFrontStatus(FrontCounters counters) : IFrontStatusSource
    {
        public FrontCounters Read() => counters;
    }
}
