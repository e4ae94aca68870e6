using OpenClaw.Actors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Actors.RabbitMq;
using OpenClaw.Actors.RabbitMq.Silo;

namespace OpenClaw.Bench.ClusterCalls;

/// <summary>
/// A silo (or a client-only front node) inside the bench process: its own service provider, its own broker connections.
/// <see cref="KillAsync"/> aborts the shard consumer's connection without any hand-off, as a crashed process would.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;
    private bool _gone;

    private BenchSilo(ServiceProvider services)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    public IClusterClient Client => _services.GetRequiredService<IClusterClient>();

    public RabbitMqShardOwnership? Ownership => _services.GetService<RabbitMqShardOwnership>();

    /// <summary>An embedded silo with no transport: calls stay in the process (the baseline).</summary>
    public static Task<BenchSilo> StartInProcessAsync(CancellationToken cancellationToken) =>
        StartAsync(new ServiceCollection().AddGrain<IPingGrain, PingGrain>().AddEmbeddedSilo(silo => silo.SiloName = "bench-local"), cancellationToken);

    public static Task<BenchSilo> StartClusterSiloAsync(string name, Action<RabbitMqTransportOptions> transport, CancellationToken cancellationToken) =>
        StartAsync(new ServiceCollection()
            .AddGrain<IPingGrain, PingGrain>()
            .AddEmbeddedSilo(silo => silo.SiloName = name)
            .AddRabbitMqSiloTransport(transport), cancellationToken);

    public static Task<BenchSilo> StartClientAsync(Action<RabbitMqTransportOptions> transport, CancellationToken cancellationToken) =>
        StartAsync(new ServiceCollection().AddRabbitMqClusterClient(transport), cancellationToken);

    private static async Task<BenchSilo> StartAsync(IServiceCollection services, CancellationToken cancellationToken)
    {
        var silo = new BenchSilo(services.BuildServiceProvider());
        foreach (var hosted in silo._hosted) await hosted.StartAsync(cancellationToken);
        return silo;
    }

    /// <summary>Crash: the connection goes away without releasing anything; the broker fails the shards over.</summary>
    public async Task KillAsync()
    {
        if (_gone) return;
        _gone = true;
        await _services.GetRequiredService<RabbitMqShardConsumer>().DisposeAsync();
        await _services.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_gone) return;
        _gone = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            foreach (var hosted in _hosted.Reverse()) await hosted.StopAsync(timeout.Token);
        }
        finally
        {
            await _services.DisposeAsync();
        }
    }
}
