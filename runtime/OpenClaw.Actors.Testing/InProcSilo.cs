using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.Runtime;
using OpenClaw.Actors.Runtime.Catalog;
using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Actors.Runtime.Storage;
using OpenClaw.Actors.Serialization;
using OpenClaw.Actors.Streams;

namespace OpenClaw.Actors.Testing;

/// <summary>
/// One silo of an <see cref="InProcCluster"/>: its own service provider and catalog (built by <c>AddEmbeddedSilo</c>),
/// wired to the cluster's shard table, router and shared services. <see cref="ReceiveAsync"/> is its "network" side:
/// it decodes a call, runs it under the call's deadline, and encodes the answer.
/// </summary>
internal sealed class InProcSilo
{
    private ServiceProvider? _services;
    private IHostedService[] _hosted = [];
    private GrainCallCodec _codec = null!;
    private TimeProvider _time = TimeProvider.System;
    private volatile bool _dead;

    public InProcSilo(int index) => Index = index;

    public int Index { get; }
    public string Name => $"silo-{Index}";
    public bool IsAlive => !_dead;
    public GrainCatalog Catalog { get; private set; } = null!;
    public IGrainDispatcher Dispatcher => Catalog;
    public IServiceProvider Services => _services ?? throw new InvalidOperationException($"{Name} is not started.");

    public async Task StartAsync(Action<IServiceCollection> configureServices, SharedClusterServices shared, ShardTable shards,
        InProcClusterOptions options, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        // Registered before AddEmbeddedSilo, whose TryAdd calls then keep these.
        services.AddSingleton<ILocalGrainOwnership>(new SiloShardOwnership(shards, this));
        services.AddSingleton<IGrainCallInvoker>(new ClusterCallRouter(shards, this));
        services.AddSingleton<IReminderTable>(shared.Reminders);
        services.AddKeyedSingleton<IStreamProvider>(StreamProviderNames.Default, shared.Streams);
        services.AddEmbeddedSilo(silo => silo.SiloName = Name);
        services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, shared.Storage);
        services.AddSingleton(options.TimeProvider);
        configureServices(services);

        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Catalog = _services.GetRequiredService<GrainCatalog>();
        _codec = _services.GetRequiredService<GrainCallCodec>();
        _time = _services.GetRequiredService<TimeProvider>();
        _hosted = _services.GetServices<IHostedService>().ToArray();
        foreach (var hosted in _hosted)
            await hosted.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]> ReceiveAsync(byte[] request, CancellationToken cancellationToken)
    {
        var envelope = _codec.DecodeCallEnvelope(request);
        GrainCall call;
        try
        {
            call = _codec.FromEnvelope(envelope);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return _codec.EncodeError(envelope.CorrelationId, exception);
        }

        if (_dead) throw new GrainNotOwnedException(call.Target, $"{Name} is down");
        var remaining = call.Deadline - _time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
            return _codec.EncodeError(envelope.CorrelationId, new TimeoutException($"Call {call} arrived after its deadline."));

        // Only the deadline crosses the wire; the caller's own cancellation stays on its side.
        using var deadline = new CancellationTokenSource(remaining, _time);
        try
        {
            var result = await Dispatcher.DispatchAsync(call, deadline.Token).ConfigureAwait(false);
            return _codec.EncodeResult(envelope.CorrelationId, call.Method, result);
        }
        catch (GrainNotOwnedException)
        {
            throw; // a routing answer, not a call result: the router tries the new owner
        }
        catch (Exception exception)
        {
            return _codec.EncodeError(envelope.CorrelationId, exception);
        }
    }

    /// <summary>Deactivates this silo's grains of <paramref name="shard"/> (reason Migrating) after their in-flight turns.</summary>
    public async Task HandOffAsync(int shard, int shardCount, CancellationToken cancellationToken)
    {
        var reason = new DeactivationReason(DeactivationReasonCode.Migrating, $"Shard {shard} moved to another silo.");
        bool InShard(GrainId id) => ShardMap.ShardOf(id, shardCount) == shard;
        // Repeat until none is left: an activation created just before the shard stopped being ours is caught on the next pass.
        while (Catalog.ActiveGrains.Any(InShard))
            await Catalog.DeactivateAsync(InShard, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Graceful stop: every activation deactivates with ShuttingDown, then the services are disposed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_dead) return;
        try
        {
            foreach (var hosted in _hosted.Reverse())
                await hosted.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _dead = true;
            await DisposeServicesAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Abrupt stop: activations are dropped without OnDeactivateAsync, as if the process died.</summary>
    public async Task KillAsync()
    {
        if (_dead) return;
        _dead = true;
        Catalog.KillAll();
        await DisposeServicesAsync().ConfigureAwait(false);
    }

    private async Task DisposeServicesAsync()
    {
        if (_services is { } services) await services.DisposeAsync().ConfigureAwait(false);
    }
}
