using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.RabbitMq.Silo.Rebalancing;
using OpenClaw.Actors.Runtime;
using OpenClaw.Actors.Runtime.Catalog;
using OpenClaw.Actors.Runtime.Hosting;
using OpenClaw.Actors.Serialization;
using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Silo;

/// <summary>
/// The silo side of the transport, started and stopped with the silo: one connection, one <see cref="ShardReceiver"/>
/// per shard queue (every silo consumes every queue; single-active-consumer makes the broker deliver each queue to
/// exactly one of them, and fail it over to a waiting one when that silo's consumer goes away), a
/// <see cref="ShardCallHandler"/> that runs calls on the <see cref="IGrainDispatcher"/> and answers them, the ownership
/// probes, this silo's entry in <see cref="SiloMembership"/>, and the <see cref="ShardRebalancer"/> (3.10 does not
/// rebalance: the first silo to subscribe would keep a shard until it stops or fails; the rebalancer hands shards off
/// with <see cref="ReleaseShardAsync"/> until each silo owns at most ceil(ShardCount / silos)).
/// <para>
/// A graceful stop hands the shards over one by one without two live activations of a grain: for each shard it stops
/// starting calls (new deliveries wait unsettled), waits for the calls in flight, deactivates the shard's grains (state
/// is flushed), and only then closes the shard's channel. The broker then requeues what this silo held and activates the next consumer, which it
/// tells at once with a probe. Calls to these shards wait in their queues meanwhile, bounded by their deadlines.
/// </para>
/// </summary>
public sealed partial class RabbitMqShardConsumer : ISiloLifecycleParticipant, IAsyncDisposable
{
    private const int ReplyChannelCount = 2;

    private readonly RabbitMqTransportOptions _options;
    private readonly ShardTopology _topology;
    private readonly RabbitMqShardOwnership _ownership;
    private readonly GrainCatalog _catalog;
    private readonly IGrainMethodResolver _resolver;
    private readonly TimeProvider _time;
    private readonly string _siloName;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private ShardReceiver[] _receivers = [];
    private IConnection? _connection;
    private ReplyPublisher? _replies;
    private ShardProbe? _probe;
    private ShardOwnershipTracker? _tracker;
    private ShardCallHandler? _handler;
    private ShardRebalancer? _rebalancer;
    private SiloMembership? _membership;
    private bool _disposed;

    public RabbitMqShardConsumer(
        IOptions<RabbitMqTransportOptions> options,
        RabbitMqShardOwnership ownership,
        GrainCatalog catalog,
        IGrainMethodResolver resolver,
        TimeProvider time,
        IOptions<EmbeddedSiloOptions> silo,
        ILoggerFactory loggers)
    {
        _options = options.Value;
        _topology = new ShardTopology(_options);
        _ownership = ownership;
        _catalog = catalog;
        _resolver = resolver;
        _time = time;
        _siloName = silo.Value.SiloName;
        _loggers = loggers;
        _logger = loggers.CreateLogger<RabbitMqShardConsumer>();
    }

    /// <summary>This silo's consumer of <paramref name="shard"/> (tests break its channel to exercise the repair).</summary>
    internal IShardAcknowledger ReceiverOf(int shard) => _receivers[shard];

    /// <summary>Calls being run or answered now, over all shards.</summary>
    public int InFlightCount => Volatile.Read(ref _receivers).Sum(r => r.InFlightCount);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is not null) throw new InvalidOperationException("The shard consumer is already started.");
            var connection = await RabbitMqConnections.OpenAsync(_options, $"openclaw-silo-{_siloName}-{Guid.NewGuid():N}", cancellationToken)
                .ConfigureAwait(false);
            _connection = connection;
            await using (var declaring = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                await _topology.DeclareAsync(declaring, cancellationToken).ConfigureAwait(false);

            _replies = await ReplyPublisher.OpenAsync(connection, ReplyChannelCount, cancellationToken).ConfigureAwait(false);
            _tracker = new ShardOwnershipTracker(_ownership, _catalog, _loggers.CreateLogger<ShardOwnershipTracker>());
            var handler = _handler = new ShardCallHandler(_catalog, new GrainCallCodec(_resolver), _replies, _time, _abort.Token,
                _loggers.CreateLogger<ShardCallHandler>());
            var receivers = new List<ShardReceiver>();
            try
            {
                for (var shard = 0; shard < _topology.ShardCount; shard++)
                {
                    receivers.Add(await ShardReceiver.OpenAsync(connection, shard, _topology, _options.Prefetch, handler, _tracker, cancellationToken)
                        .ConfigureAwait(false));
                }
            }
            finally
            {
                _receivers = [.. receivers]; // on failure too, so CloseAsync closes the ones that opened
            }

            _probe = await ShardProbe.OpenAsync(connection, _topology, _options.OwnershipProbeInterval, _time,
                _loggers.CreateLogger<ShardProbe>(), cancellationToken).ConfigureAwait(false);
            _probe.Start();
            // Counted as a member only now that a consumer waits on every shard queue: a shard handed off can reach this silo.
            _membership = await SiloMembership.JoinAsync(connection, _topology, cancellationToken).ConfigureAwait(false);
            _rebalancer = new ShardRebalancer(connection, _topology, _ownership, HandOffAsync, IsShardBusy, ReopenClosedReceiversAsync, _options, _time,
                _loggers.CreateLogger<ShardRebalancer>());
            _rebalancer.Start();

            LogStarted(_siloName, _topology.ShardCount, _topology.Prefix, RabbitMqTransportOptionsValidator.Redact(_options.Uri));
        }
        catch
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Before the lifecycle lock: a hand-off in progress holds it and is waited for here.
        await StopRebalancingAsync().ConfigureAwait(false);
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null || _tracker is null) return;
            if (Interlocked.Exchange(ref _membership, null) is { } membership) await membership.DisposeAsync().ConfigureAwait(false);
            if (_probe is not null) await _probe.StopAsync().ConfigureAwait(false);
            var owned = _ownership.OwnedShards;
            await HandOverEveryShardAsync(_tracker, cancellationToken).ConfigureAwait(false);

            // Whatever is left (a shard gained while stopping) goes with the silo's own deactivation.
            var released = owned.Union(_tracker.StopAndReleaseAll()).ToList();
            await _tracker.WhenDeactivationsDoneAsync(cancellationToken).ConfigureAwait(false);
            await _catalog.DeactivateAllAsync(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is stopping."), cancellationToken)
                .ConfigureAwait(false);
            // The next consumers learn it from a probe even when no call is waiting.
            if (_probe is not null) await _probe.ProbeAsync(released, cancellationToken).ConfigureAwait(false);
            LogStopped(_siloName, released.Count);
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// The stop's hand-off: shard by shard, stop starting its calls, wait for the ones in flight, deactivate its grains
    /// (state is flushed) and close its channel (the broker requeues what was held and activates the next consumer).
    /// One shard at a time, not all at once: a turn in flight may call a grain of another shard of this silo, which
    /// still serves it (or, once closed, its next owner does); draining every shard together would hold that call until
    /// its deadline. A shard whose calls do not finish within <see cref="RabbitMqTransportOptions.HandOffDrainTimeout"/>
    /// (a turn waiting for a call to its own shard) runs its held calls here and waits for another try at the back of the
    /// line. Receivers of shards this silo does not own are closed first, together.
    /// </summary>
    private async Task HandOverEveryShardAsync(ShardOwnershipTracker tracker, CancellationToken cancellationToken)
    {
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is stopping.");
        async Task<bool> TryHandOverAsync(ShardReceiver receiver)
        {
            receiver.BeginDrain();
            if (!await receiver.WhenIdleWithinAsync(_options.HandOffDrainTimeout, _time, cancellationToken).ConfigureAwait(false))
            {
                LogStopShardRetry(receiver.Shard, receiver.InFlightCount, receiver.HeldCount, _options.HandOffDrainTimeout);
                receiver.CancelDrain();
                return false;
            }

            tracker.Release(receiver.Shard);
            await DeactivateShardAsync(receiver.Shard, reason).WaitAsync(cancellationToken).ConfigureAwait(false);
            await receiver.DisposeAsync().ConfigureAwait(false);
            return true;
        }

        var waiting = _receivers.Where(r => !_ownership.IsOwned(r.Shard)).ToList();
        var closed = await Task.WhenAll(waiting.Select(TryHandOverAsync)).ConfigureAwait(false);
        var line = new Queue<ShardReceiver>(_receivers.Where(r => _ownership.IsOwned(r.Shard)).Concat(waiting.Where((_, i) => !closed[i])));
        while (line.TryDequeue(out var receiver))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await TryHandOverAsync(receiver).ConfigureAwait(false)) line.Enqueue(receiver);
        }

        _receivers = [];
    }

    /// <summary>Whether a grain of <paramref name="shard"/> has background work going on (the rebalancer leaves such shards alone).</summary>
    private bool IsShardBusy(int shard) => _catalog.AnyBusy(id => ShardMap.ShardOf(id, _topology.ShardCount) == shard);

    /// <summary>
    /// Hands one shard to the next waiting silo (the hand-off primitive a rebalancer uses; 3.10 never moves a shard by
    /// itself): stops starting its calls, waits for the ones in flight, deactivates this silo's grains of the shard
    /// (reason Migrating), closes its channel (the broker requeues what was held and activates the next consumer), probes
    /// the shard so the new owner knows at once, and subscribes again at the back of the queue's waiting consumers. With
    /// no other silo waiting, this silo becomes the active consumer again. Returns false when the silo did not own it,
    /// when a grain of the shard was left busy by a turn that finished during the drain (an agent run in the background),
    /// or when calls were still in flight after <see cref="RabbitMqTransportOptions.HandOffDrainTimeout"/> (a turn waiting
    /// for a call the drain holds): then the drain is cancelled and the held calls run here, in order.
    /// <para>
    /// Why closing the channel rather than nack + cancel: the deliveries that arrived after the drain began (prefetched,
    /// never started) must go back in order and before anything newer. A nack-requeue while still subscribed would hand
    /// them straight back to this silo, and a cancel first would activate the next silo, which could take newer calls
    /// before the nack returns the older ones. A channel close does both in one step of the queue's state machine:
    /// the held deliveries are returned (a quorum queue serves returned messages before new ones, in their original
    /// order) and the next waiting consumer is activated. The turns that did run were acked after their state writes.
    /// Each return counts against <see cref="RabbitMqTransportOptions.DeliveryLimit"/> (3.10 counts every return).
    /// </para>
    /// <para>
    /// <paramref name="cancellationToken"/> bounds only the wait to start; once draining, the hand-off runs to its end,
    /// because a half-done hand-off would leave the shard unserved. Calls to the shard wait meanwhile (at most about
    /// <see cref="RabbitMqTransportOptions.HandOffDrainTimeout"/> plus the deactivation of its grains).
    /// </para>
    /// </summary>
    public async Task<bool> ReleaseShardAsync(int shard, CancellationToken cancellationToken) =>
        await HandOffAsync(shard, cancellationToken).ConfigureAwait(false) == HandOffOutcome.HandedOff;

    /// <summary><see cref="ReleaseShardAsync"/>, telling why a shard stayed (the rebalancer defers a shard that would not drain).</summary>
    internal async Task<HandOffOutcome> HandOffAsync(int shard, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, _topology.ShardCount);
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is not { } connection || _tracker is not { } tracker || _handler is not { } handler || _probe is not { } probe)
                throw new InvalidOperationException("The shard consumer is not started.");
            var receiver = _receivers[shard];
            receiver.BeginDrain();
            if (!await receiver.WhenIdleWithinAsync(_options.HandOffDrainTimeout, _time, CancellationToken.None).ConfigureAwait(false))
            {
                // A turn in flight waits for something the drain holds (a call to a grain of this shard): run the held
                // calls here, in order, and keep the shard for now.
                var held = receiver.HeldCount;
                receiver.CancelDrain();
                LogHandOffCancelledSlow(shard, receiver.InFlightCount, held, _options.HandOffDrainTimeout);
                return HandOffOutcome.DrainTimedOut;
            }

            if (IsShardBusy(shard))
            {
                // A turn that finished while draining left background work (an agent run) behind: deactivating now
                // would cut it. Keep the shard; the rebalancer picks another one or tries again next round.
                receiver.CancelDrain();
                LogHandOffCancelledBusy(shard);
                return HandOffOutcome.Busy;
            }

            var owned = tracker.Release(shard);
            await DeactivateShardAsync(shard, new DeactivationReason(DeactivationReasonCode.Migrating, $"Shard {shard} is handed to another silo."))
                .ConfigureAwait(false);
            await receiver.DisposeAsync().ConfigureAwait(false);
            await probe.ProbeAsync([shard], CancellationToken.None).ConfigureAwait(false);
            LogReleased(shard);
            try
            {
                _receivers[shard] = await ShardReceiver.OpenAsync(connection, shard, _topology, _options.Prefetch, handler, tracker, CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The shard is handed off either way; this silo waits for it again once the rebalancer's repair re-subscribes.
                LogResubscribeFailed(exception, shard);
            }

            return owned ? HandOffOutcome.HandedOff : HandOffOutcome.NotOwned;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Deactivates this silo's grains of <paramref name="shard"/> and waits until they are gone.</summary>
    private async Task DeactivateShardAsync(int shard, DeactivationReason reason)
    {
        bool InShard(GrainId id) => ShardMap.ShardOf(id, _topology.ShardCount) == shard;
        // Repeat until none is left: an activation that started just before the drain is caught on the next pass.
        while (_catalog.ActiveGrains.Any(InShard))
            await _catalog.DeactivateAsync(InShard, reason, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-subscribes shard queues whose consumer channel is closed while the connection is open (automatic recovery
    /// restores only what a lost connection took). Returns the number re-opened.
    /// </summary>
    internal async Task<int> ReopenClosedReceiversAsync(CancellationToken cancellationToken)
    {
        if (!_receivers.Any(r => !r.IsOpen)) return 0;
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is not { IsOpen: true } connection || _tracker is not { } tracker || _handler is not { } handler) return 0;
            var reopened = 0;
            for (var shard = 0; shard < _receivers.Length; shard++)
            {
                var closed = _receivers[shard];
                if (closed.IsOpen) continue;
                tracker.Lost(shard, "consumer channel closed");
                await closed.DisposeAsync().ConfigureAwait(false);
                _receivers[shard] = await ShardReceiver.OpenAsync(connection, shard, _topology, _options.Prefetch, handler, tracker, cancellationToken)
                    .ConfigureAwait(false);
                reopened++;
            }

            return reopened;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Runs one rebalancing round now (the background loop does the same every
    /// <see cref="RabbitMqTransportOptions.RebalanceInterval"/>): hands shards off one at a time until this silo owns
    /// no more than ceil(ShardCount / silos). Returns the number of shards handed off.
    /// </summary>
    public async Task<int> RebalanceAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { } connection) throw new InvalidOperationException("The shard consumer is not started.");
        var round = new ShardRebalancer(connection, _topology, _ownership, HandOffAsync, IsShardBusy, ReopenClosedReceiversAsync, _options, _time,
            _loggers.CreateLogger<ShardRebalancer>());
        await using (round.ConfigureAwait(false)) return await round.RebalanceOnceAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Without a prior <see cref="StopAsync"/> this is an abrupt stop, as if the process died: the connection is aborted
    /// first (no release, no more acks), running turns are cancelled, and the broker requeues every unsettled call to
    /// the shards' next owners.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await StopRebalancingAsync().ConfigureAwait(false);
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_connection is { } connection) await AbortAsync(connection).ConfigureAwait(false);
            await _abort.CancelAsync().ConfigureAwait(false);
            await CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task StopRebalancingAsync()
    {
        if (Interlocked.Exchange(ref _rebalancer, null) is { } rebalancer) await rebalancer.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AbortAsync(IConnection connection)
    {
        try
        {
            await connection.AbortAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogCloseFailed(exception);
        }
    }

    private async Task CloseAsync()
    {
        var failures = new List<Exception>();
        async Task Try(Func<ValueTask> close)
        {
            try
            {
                await close().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failures.Add(exception);
            }
        }

        if (Interlocked.Exchange(ref _membership, null) is { } membership) await Try(membership.DisposeAsync).ConfigureAwait(false);
        if (_probe is { } probe) await Try(probe.DisposeAsync).ConfigureAwait(false);
        var receivers = _receivers;
        _receivers = [];
        foreach (var receiver in receivers) await Try(receiver.DisposeAsync).ConfigureAwait(false);
        if (_replies is { } replies) await Try(replies.DisposeAsync).ConfigureAwait(false);
        if (_connection is { } connection)
        {
            await Try(async () => await connection.CloseAsync().ConfigureAwait(false)).ConfigureAwait(false);
            await Try(connection.DisposeAsync).ConfigureAwait(false);
        }

        _probe = null;
        _replies = null;
        _connection = null;
        _handler = null;
        _tracker?.StopAndReleaseAll();
        foreach (var failure in failures) LogCloseFailed(failure);
    }

    [LoggerMessage(2760, LogLevel.Information, "Silo {SiloName} consumes {ShardCount} shard queues {Prefix}.shard.* on {Broker}")]
    private partial void LogStarted(string siloName, int shardCount, string prefix, string broker);

    [LoggerMessage(2761, LogLevel.Information, "Silo {SiloName} stopped consuming; {ShardCount} owned shards handed back to the broker")]
    private partial void LogStopped(string siloName, int shardCount);

    [LoggerMessage(2763, LogLevel.Information, "Shard {Shard} handed back to the broker for the next waiting silo")]
    private partial void LogReleased(int shard);

    [LoggerMessage(2764, LogLevel.Warning, "Shard {Shard} was handed off, but subscribing to it again failed; the repair round retries")]
    private partial void LogResubscribeFailed(Exception exception, int shard);

    [LoggerMessage(2765, LogLevel.Information, "Hand-off of shard {Shard} cancelled: a grain of it has background work going on")]
    private partial void LogHandOffCancelledBusy(int shard);

    [LoggerMessage(2766, LogLevel.Information, "Hand-off of shard {Shard} cancelled: {InFlight} calls still in flight after {Bound} ({Held} held calls run here instead); the shard is tried again later")]
    private partial void LogHandOffCancelledSlow(int shard, int inFlight, int held, TimeSpan bound);

    [LoggerMessage(2767, LogLevel.Information, "Stopping: shard {Shard} still has {InFlight} calls in flight after {Bound}; its {Held} held calls run here and the shard is tried again after the others")]
    private partial void LogStopShardRetry(int shard, int inFlight, int held, TimeSpan bound);

    [LoggerMessage(2762, LogLevel.Warning, "Closing part of the RabbitMQ shard consumer failed")]
    private partial void LogCloseFailed(Exception exception);
}
