using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace OpenClaw.Actors.RabbitMq.Silo.Rebalancing;

/// <summary>
/// Cluster membership as the broker sees it, without a protocol of our own: every silo that is ready to own shards keeps
/// one consumer on the classic queue <c>{prefix}.members</c> (nothing is ever published to it), and a passive declare
/// answers with that queue's consumer count = the number of live silos. A silo that dies loses its consumer as soon as
/// the broker notices (socket closed, or two missed heartbeats), one that stops cancels it, so the count follows the
/// broker's own failure detector: the same one that fails shards over. Why not the shard queues themselves: with
/// single-active-consumer, RabbitMQ 3.10 reports only the active consumer of a quorum queue (tested), never the
/// waiting ones. Why not a heartbeat fanout: it would need timeouts of its own and could disagree with the broker
/// about who can receive deliveries. A silo joins after subscribing to every shard queue, so when it is counted, any
/// shard handed off can reach it.
/// </summary>
internal sealed class SiloMembership : IAsyncDisposable
{
    private readonly IChannel _channel;

    private SiloMembership(IChannel channel) => _channel = channel;

    public static async Task<SiloMembership> JoinAsync(IConnection connection, ShardTopology topology, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            // Only the subscription matters; the consumer acks nothing because nothing arrives.
            await channel.BasicConsumeAsync(topology.MembersQueue, autoAck: true, new AsyncEventingBasicConsumer(channel), cancellationToken)
                .ConfigureAwait(false);
            return new SiloMembership(channel);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The number of live silos (at least 1). A fresh channel per read: a failed passive declare closes its channel.</summary>
    public static async Task<int> CountAsync(IConnection connection, ShardTopology topology, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var declared = await channel.QueueDeclarePassiveAsync(topology.MembersQueue, cancellationToken).ConfigureAwait(false);
        if (channel.IsOpen) await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        return Math.Max(1, (int)declared.ConsumerCount);
    }

    /// <summary>Leaves the cluster's count (the silo stops taking shards).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_channel.IsOpen) await _channel.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
        }
    }
}
