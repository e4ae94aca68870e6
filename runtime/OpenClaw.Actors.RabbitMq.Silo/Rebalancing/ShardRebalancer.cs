using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Silo.Rebalancing;

/// <summary>
/// The loop that moves shards when silos join or leave (3.10's single-active-consumer never does): every
/// <see cref="RabbitMqTransportOptions.RebalanceInterval"/> it reads the number of live silos (<see cref="SiloMembership"/>),
/// asks <see cref="RebalancePlan"/> whether this silo holds more than its fair share, and if so hands one shard away
/// (<see cref="RabbitMqShardConsumer.ReleaseShardAsync"/>), pauses <see cref="RabbitMqTransportOptions.HandOffPause"/>,
/// reads the count again and repeats until it is at its share. One shard at a time per silo keeps every queue
/// served by some silo at all times except the one moving. A shard whose hand-off found its grains busy is skipped while
/// they are; one whose calls in flight did not drain in time (see <see cref="HandOffOutcome.DrainTimedOut"/>) is left
/// alone for a few rounds, and other shards move instead. Failures of a round are logged; the next round retries.
/// Each round first re-opens shard consumers whose channel is closed while the connection is up (a hand-off whose
/// re-subscribe failed, or a channel the broker closed on an error): automatic recovery only restores channels lost
/// with the connection. That part runs even with <see cref="RabbitMqTransportOptions.Rebalance"/> off.
/// </summary>
internal sealed partial class ShardRebalancer : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly ShardTopology _topology;
    private readonly RabbitMqShardOwnership _ownership;
    private readonly Func<int, CancellationToken, Task<HandOffOutcome>> _release;
    private readonly Func<int, bool> _isBusy;
    private readonly Func<CancellationToken, Task<int>> _repair;
    private readonly bool _handOff;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _drainTimeout;
    private readonly TimeSpan _pause;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    // Shards whose last hand-off timed out draining, and until when the plan leaves them alone. Bounded by the shard count.
    private readonly Dictionary<int, DateTimeOffset> _deferred = [];
    private Task? _loop;

    public ShardRebalancer(IConnection connection, ShardTopology topology, RabbitMqShardOwnership ownership,
        Func<int, CancellationToken, Task<HandOffOutcome>> release, Func<int, bool> isBusy, Func<CancellationToken, Task<int>> repair, RabbitMqTransportOptions options,
        TimeProvider time, ILogger logger)
    {
        _repair = repair;
        _handOff = options.Rebalance;
        _connection = connection;
        _topology = topology;
        _ownership = ownership;
        _release = release;
        _isBusy = isBusy;
        _interval = options.RebalanceInterval;
        _drainTimeout = options.HandOffDrainTimeout;
        _pause = options.HandOffPause;
        _time = time;
        _logger = logger;
    }

    public void Start() => _loop ??= RunAsync(_stopping.Token);

    /// <summary>Runs rounds until this silo is at its fair share; returns how many shards it handed off.</summary>
    public async Task<int> RebalanceOnceAsync(CancellationToken cancellationToken)
    {
        var released = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var silos = await SiloMembership.CountAsync(_connection, _topology, cancellationToken).ConfigureAwait(false);
            var owned = _ownership.OwnedShards;
            var now = _time.GetUtcNow();
            if (RebalancePlan.ShardToRelease(owned, _topology.ShardCount, silos, shard => IsDeferred(shard, now) || _isBusy(shard)) is not { } shard) break;

            LogHandingOff(shard, owned.Count, silos, RebalancePlan.FairShare(_topology.ShardCount, silos));
            switch (await _release(shard, cancellationToken).ConfigureAwait(false))
            {
                case HandOffOutcome.HandedOff:
                    released++;
                    break;
                case HandOffOutcome.DrainTimedOut:
                    // Its turns wait on something the drain holds; another shard moves instead, this one later.
                    _deferred[shard] = _time.GetUtcNow() + DeferFor;
                    break;
            }

            await Task.Delay(_pause, _time, cancellationToken).ConfigureAwait(false);
        }

        return released;
    }

    /// <summary>How long a shard whose drain timed out is left alone: a few rounds, at least a few drain bounds.</summary>
    private TimeSpan DeferFor => TimeSpan.FromTicks(Math.Max(_interval.Ticks * 3, _drainTimeout.Ticks * 5));

    private bool IsDeferred(int shard, DateTimeOffset now)
    {
        if (!_deferred.TryGetValue(shard, out var until)) return false;
        if (now < until) return true;
        _deferred.Remove(shard);
        return false;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        await Task.Yield(); // Start returns at once
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    if (await _repair(stopping).ConfigureAwait(false) is > 0 and var reopened) LogReopened(reopened);
                    if (_handOff) await RebalanceOnceAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    LogRoundFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Stops the loop and waits for a hand-off in progress to finish.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop) await loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(2770, LogLevel.Information, "Rebalance: handing shard {Shard} off (this silo owns {Owned}; {Silos} silos, fair share {FairShare})")]
    private partial void LogHandingOff(int shard, int owned, int silos, int fairShare);

    [LoggerMessage(2772, LogLevel.Warning, "Re-opened {Count} shard consumers whose channel had closed")]
    private partial void LogReopened(int count);

    [LoggerMessage(2771, LogLevel.Warning, "Rebalance round failed; the next round retries")]
    private partial void LogRoundFailed(Exception exception);
}
