using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace OpenClaw.Actors.RabbitMq.Status;

/// <summary>
/// Depth and consumer count of every shard queue, read only when the dashboard asks, at most once per
/// <see cref="ClusterStatusOptions.QueueDepthCacheDuration"/> (concurrent askers share one read), with
/// <see cref="ClusterStatusOptions.QueueDepthConcurrency"/> channels doing passive declares in parallel. A queue that
/// does not exist (no silo declared the topology yet) reads as null.
/// </summary>
internal sealed class ShardQueueDepths(StatusConnection connection, IOptions<ClusterStatusOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ShardTopology _topology = new(connection.Transport);
    private Cached? _cached;

    public async Task<IReadOnlyList<ShardDepth?>> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh) return fresh;
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } shared) return shared;
            var depths = await ReadAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _cached, new Cached(time.GetUtcNow(), depths));
            return depths;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private IReadOnlyList<ShardDepth?>? Fresh() =>
        Volatile.Read(ref _cached) is { } cached && time.GetUtcNow() - cached.At < options.Value.QueueDepthCacheDuration ? cached.Depths : null;

    private async Task<ShardDepth?[]> ReadAsync(CancellationToken cancellationToken)
    {
        var open = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        var depths = new ShardDepth?[_topology.ShardCount];
        var next = -1;

        async Task WorkAsync()
        {
            IChannel? channel = null;
            try
            {
                int shard;
                while ((shard = Interlocked.Increment(ref next)) < depths.Length)
                {
                    channel ??= await open.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    try
                    {
                        var declared = await channel.QueueDeclarePassiveAsync(_topology.ShardQueue(shard), cancellationToken).ConfigureAwait(false);
                        depths[shard] = new ShardDepth(declared.MessageCount, (int)declared.ConsumerCount);
                    }
                    catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.NotFound)
                    {
                        // A failed passive declare closes the channel; the next shard gets a new one.
                        await channel.DisposeAsync().ConfigureAwait(false);
                        channel = null;
                    }
                }
            }
            finally
            {
                if (channel is not null) await channel.DisposeAsync().ConfigureAwait(false);
            }
        }

        var workers = Math.Min(options.Value.QueueDepthConcurrency, depths.Length);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync())).ConfigureAwait(false);
        return depths;
    }

    private sealed record Cached(DateTimeOffset At, IReadOnlyList<ShardDepth?> Depths);
}

/// <summary>Messages waiting in a shard queue (ready, not yet delivered) and the silos subscribed to it.</summary>
internal readonly record struct ShardDepth(long Messages, int Consumers);
