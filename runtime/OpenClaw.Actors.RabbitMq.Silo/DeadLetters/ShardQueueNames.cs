using System.Globalization;

namespace OpenClaw.Actors.RabbitMq.Silo.DeadLetters;

/// <summary>Tells which of this cluster's shard queues a queue name is (<c>{prefix}.shard.{n}</c>), if any.</summary>
internal static class ShardQueueNames
{
    public static int? ShardOf(ShardTopology topology, string? queue)
    {
        if (queue is null) return null;
        var prefix = $"{topology.Prefix}.shard.";
        return queue.StartsWith(prefix, StringComparison.Ordinal)
               && int.TryParse(queue.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var shard)
               && shard < topology.ShardCount
            ? shard
            : null;
    }
}
