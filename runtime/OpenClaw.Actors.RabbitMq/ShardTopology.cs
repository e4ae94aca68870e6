using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace OpenClaw.Actors.RabbitMq;

/// <summary>
/// The broker objects of one cluster and their names. Every client and silo declares them at connect (declaring is
/// idempotent while the arguments agree):
/// <list type="bullet">
/// <item><c>{prefix}.shard.{n}</c>: one durable quorum queue per shard with single-active-consumer (in 3.10 SAC is only
/// honoured as a queue argument, not a policy), a delivery limit and a length bound (<c>reject-publish</c>, so a full
/// queue nacks the publisher); dead letters go at-least-once to <c>{prefix}.dlx</c>.</item>
/// <item><c>{prefix}.dlx</c> (fanout) → <c>{prefix}.dead</c>: a quorum queue nobody consumes, bounded with drop-head.
/// It receives calls that could not be decoded, calls over the delivery limit, and calls that expired in their queue
/// (the caller had already timed out).</item>
/// <item><c>{prefix}.members</c>: a classic queue nothing is published to; every silo that owns or waits for shards keeps
/// one consumer on it, so its consumer count is the number of live silos (the rebalancing membership rule).</item>
/// </list>
/// </summary>
public sealed class ShardTopology
{
    public ShardTopology(RabbitMqTransportOptions options)
    {
        ShardCount = options.ShardCount;
        Prefix = options.QueuePrefix;
        DeadLetterExchange = $"{Prefix}.dlx";
        DeadLetterQueue = $"{Prefix}.dead";
        MembersQueue = $"{Prefix}.members";
        _deliveryLimit = options.DeliveryLimit;
        _maxShardQueueLength = options.MaxShardQueueLength;
        _maxDeadLetters = options.MaxDeadLetters;
    }

    private readonly int _deliveryLimit;
    private readonly int _maxShardQueueLength;
    private readonly int _maxDeadLetters;

    public int ShardCount { get; }
    public string Prefix { get; }
    public string DeadLetterExchange { get; }
    public string DeadLetterQueue { get; }
    public string MembersQueue { get; }

    /// <summary>The queue of <paramref name="shard"/>.</summary>
    public string ShardQueue(int shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, ShardCount);
        return $"{Prefix}.shard.{shard}";
    }

    /// <summary>Declares every shard queue and the dead-letter path on <paramref name="channel"/>.</summary>
    public async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueDeclareAsync(DeadLetterQueue, durable: true, exclusive: false, autoDelete: false,
                DeadLetterQueueArguments(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueBindAsync(DeadLetterQueue, DeadLetterExchange, routingKey: "", cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            await channel.QueueDeclareAsync(MembersQueue, durable: true, exclusive: false, autoDelete: false, arguments: null,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var arguments = ShardQueueArguments();
            for (var shard = 0; shard < ShardCount; shard++)
            {
                await channel.QueueDeclareAsync(ShardQueue(shard), durable: true, exclusive: false, autoDelete: false,
                    arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.PreconditionFailed)
        {
            throw new InvalidOperationException(
                $"The broker already has {Prefix}.* queues declared with other arguments ({exception.ShutdownReason.ReplyText}). " +
                $"Every process of a cluster must use the same {RabbitMqTransportOptions.SectionName} settings; " +
                "to change DeliveryLimit, MaxShardQueueLength or MaxDeadLetters, delete the queues while the cluster is down or use a new QueuePrefix.",
                exception);
        }
    }

    private Dictionary<string, object?> ShardQueueArguments() => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-single-active-consumer"] = true,
        ["x-delivery-limit"] = _deliveryLimit,
        ["x-max-length"] = _maxShardQueueLength,
        // at-least-once dead-lettering needs reject-publish: a full queue refuses new calls instead of dropping old ones.
        ["x-overflow"] = "reject-publish",
        ["x-dead-letter-exchange"] = DeadLetterExchange,
        ["x-dead-letter-strategy"] = "at-least-once",
    };

    private Dictionary<string, object?> DeadLetterQueueArguments() => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-max-length"] = _maxDeadLetters,
        ["x-overflow"] = "drop-head",
    };
}
