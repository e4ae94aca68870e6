using System.Globalization;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Silo;

/// <summary>
/// Sends an empty probe through shard queues: at start and every <see cref="RabbitMqTransportOptions.OwnershipProbeInterval"/>
/// through all of them, and through given shards on demand (a draining silo probes the shards it gives away). Whichever
/// silo is the active consumer of a queue receives the probe and so learns that it owns the shard even when no call
/// comes, which matters for the reminders of idle shards after a failover. A probe expires after one interval, so
/// queues without consumers collect at most one per silo.
/// </summary>
internal sealed partial class ShardProbe : IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly ShardTopology _topology;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _publishLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    private ShardProbe(IChannel channel, ShardTopology topology, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _channel = channel;
        _topology = topology;
        _interval = interval;
        _time = time;
        _logger = logger;
    }

    public static async Task<ShardProbe> OpenAsync(IConnection connection, ShardTopology topology, TimeSpan interval, TimeProvider time,
        ILogger logger, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ShardProbe(channel, topology, interval, time, logger);
    }

    public void Start() => _loop ??= RunAsync(new PeriodicTimer(_interval, _time), _stopping.Token);

    /// <summary>Probes <paramref name="shards"/> now; failures are logged, not thrown.</summary>
    public async Task ProbeAsync(IEnumerable<int> shards, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            Type = MessageKinds.Probe,
            Expiration = ((long)Math.Ceiling(_interval.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture),
        };
        await _publishLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var shard in shards)
            {
                await _channel.BasicPublishAsync(exchange: "", routingKey: _topology.ShardQueue(shard), mandatory: false, properties,
                    ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogProbeFailed(exception);
        }
        finally
        {
            _publishLock.Release();
        }
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop) await loop.ConfigureAwait(false);
    }

    private async Task RunAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        using var owned = timer;
        await Task.Yield(); // Start returns before the first round
        var all = Enumerable.Range(0, _topology.ShardCount).ToArray();
        try
        {
            do
            {
                await ProbeAsync(all, stopping).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            if (_channel.IsOpen) await _channel.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
            _publishLock.Dispose();
            _stopping.Dispose();
        }
    }

    [LoggerMessage(2750, LogLevel.Warning, "Publishing ownership probes failed; the next round runs as scheduled")]
    private partial void LogProbeFailed(Exception exception);
}
