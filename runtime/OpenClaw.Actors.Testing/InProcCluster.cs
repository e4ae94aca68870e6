using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.References;
using OpenClaw.Actors.Streams;

namespace OpenClaw.Actors.Testing;

/// <summary>
/// N silos in one process, for tests: each silo has its own service provider and catalog; grains are placed
/// grain → shard (<see cref="ShardMap"/>) → owning silo; calls between silos, and from <see cref="Client"/>, go through
/// <see cref="Serialization.GrainCallCodec"/> so whatever would not survive the wire fails here too. Grain state, the
/// reminder table and the default stream provider are shared, so a grain that moves finds its state. Silos can be
/// stopped gracefully, killed, or added (shards rebalance with a hand-off).
/// </summary>
public sealed class InProcCluster : IAsyncDisposable
{
    private readonly SemaphoreSlim _topology = new(1, 1);
    private readonly List<InProcSilo> _silos = [];
    private readonly Action<IServiceCollection> _configureServices;
    private readonly InProcClusterOptions _options;
    private readonly ShardTable _shards;
    private readonly SharedClusterServices _shared = new();
    private readonly ServiceProvider _clientServices;

    private InProcCluster(Action<IServiceCollection> configureServices, InProcClusterOptions options)
    {
        _configureServices = configureServices;
        _options = options;
        _shards = new ShardTable(options.ShardCount);
        _clientServices = new ServiceCollection()
            .AddKeyedSingleton<IStreamProvider>(StreamProviderNames.Default, _shared.Streams)
            .BuildServiceProvider();
        var callRuntime = new GrainCallRuntime(
            new ClusterCallRouter(_shards, localSilo: null), Options.Create(new GrainCallOptions { ResponseTimeout = options.ResponseTimeout }), options.TimeProvider);
        Client = new ClusterClient(new GrainFactory(callRuntime), _clientServices);
    }

    /// <summary>A front node's view: routes every call to the owning silo, over the codec.</summary>
    public IClusterClient Client { get; }

    /// <summary>Every silo ever started, by index (stopped and killed ones included).</summary>
    public int SiloCount => _silos.Count;

    public static async Task<InProcCluster> StartAsync(int silos, Action<IServiceCollection> configureServices,
        Action<InProcClusterOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        var options = new InProcClusterOptions();
        configure?.Invoke(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ShardCount, 1);

        var cluster = new InProcCluster(configureServices, options);
        try
        {
            for (var i = 0; i < silos; i++)
                await cluster.StartSiloAsync(cancellationToken).ConfigureAwait(false);
            for (var shard = 0; shard < options.ShardCount; shard++)
                cluster._shards.Assign(shard, cluster._silos[shard % silos]);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return cluster;
    }

    public string SiloName(int index) => _silos[index].Name;

    public bool IsAlive(int index) => _silos[index].IsAlive;

    public IServiceProvider SiloServices(int index) => _silos[index].Services;

    /// <summary>The index of the silo that owns <paramref name="grainId"/>'s shard now.</summary>
    public int OwnerOf(GrainId grainId) =>
        _shards.OwnerOf(ShardMap.ShardOf(grainId, _options.ShardCount))?.Index
        ?? throw new InvalidOperationException($"No live silo owns grain {grainId}.");

    /// <summary>How many shards each silo owns, by silo index (0 for stopped ones).</summary>
    public IReadOnlyList<int> ShardCounts() => _silos.Select(s => _shards.ShardsOf(s).Count).ToList();

    /// <summary>Graceful stop: the silo's shards wait while its grains deactivate (ShuttingDown), then move to live silos.</summary>
    public async Task StopSiloAsync(int index, CancellationToken cancellationToken = default)
    {
        await _topology.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var silo = _silos[index];
            var shards = _shards.ShardsOf(silo);
            foreach (var shard in shards) _shards.BeginMove(shard);
            try
            {
                using var timeout = StopTimeout(cancellationToken);
                await silo.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            finally
            {
                foreach (var shard in shards) _shards.CompleteMove(shard, LeastLoadedLiveSilo());
            }
        }
        finally
        {
            _topology.Release();
        }
    }

    /// <summary>Abrupt stop: activations vanish without OnDeactivateAsync; their shards move to live silos at once.</summary>
    public async Task KillSiloAsync(int index, CancellationToken cancellationToken = default)
    {
        await _topology.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var silo = _silos[index];
            var shards = _shards.ShardsOf(silo);
            foreach (var shard in shards) _shards.BeginMove(shard);
            try
            {
                await silo.KillAsync().ConfigureAwait(false);
            }
            finally
            {
                foreach (var shard in shards) _shards.CompleteMove(shard, LeastLoadedLiveSilo());
            }
        }
        finally
        {
            _topology.Release();
        }
    }

    /// <summary>
    /// Starts a silo and moves shards to it until it owns about ShardCount / live silos. Each moving shard is handed
    /// off: calls to it wait, the old owner deactivates its grains (Migrating) after their in-flight turns, then the
    /// new silo takes over. Returns the new silo's index.
    /// </summary>
    public async Task<int> AddSiloAsync(CancellationToken cancellationToken = default)
    {
        await _topology.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var added = await StartSiloAsync(cancellationToken).ConfigureAwait(false);
            var live = _silos.Where(s => s.IsAlive).ToList();
            var target = _options.ShardCount / live.Count;
            while (_shards.ShardsOf(added).Count < target)
            {
                var donor = live.Where(s => s != added).OrderByDescending(s => _shards.ShardsOf(s).Count).ThenBy(s => s.Index).First();
                var shard = _shards.ShardsOf(donor).Max();
                await HandOffAsync(shard, donor, added, cancellationToken).ConfigureAwait(false);
            }

            return added.Index;
        }
        finally
        {
            _topology.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        foreach (var silo in _silos.Where(s => s.IsAlive))
        {
            try
            {
                using var timeout = StopTimeout(CancellationToken.None);
                await silo.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failures.Add(exception); // keep stopping the others; report all at the end
            }
        }

        await _clientServices.DisposeAsync().ConfigureAwait(false);
        await _shared.DisposeAsync().ConfigureAwait(false);
        _topology.Dispose();
        if (failures.Count > 0) throw new AggregateException("Stopping the in-process cluster failed.", failures);
    }

    private async Task HandOffAsync(int shard, InProcSilo from, InProcSilo to, CancellationToken cancellationToken)
    {
        _shards.BeginMove(shard);
        try
        {
            using var timeout = StopTimeout(cancellationToken);
            await from.HandOffAsync(shard, _options.ShardCount, timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            _shards.CompleteMove(shard, to);
        }
    }

    private async Task<InProcSilo> StartSiloAsync(CancellationToken cancellationToken)
    {
        var silo = new InProcSilo(_silos.Count);
        _silos.Add(silo);
        await silo.StartAsync(_configureServices, _shared, _shards, _options, cancellationToken).ConfigureAwait(false);
        return silo;
    }

    private InProcSilo? LeastLoadedLiveSilo() =>
        _silos.Where(s => s.IsAlive).OrderBy(s => _shards.ShardsOf(s).Count).ThenBy(s => s.Index).FirstOrDefault();

    private CancellationTokenSource StopTimeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(_options.StopTimeout);
        return source;
    }
}
