using Microsoft.Extensions.Options;

namespace OpenClaw.Actors.RabbitMq;

/// <summary>
/// Settings of the RabbitMQ cluster transport, shared by clients (front nodes) and silos. Configuration section
/// <c>Actors:RabbitMq</c>. Every process of one cluster must use the same <see cref="ShardCount"/> and
/// <see cref="QueuePrefix"/>: they name the shard queues calls are published to.
/// </summary>
public sealed class RabbitMqTransportOptions
{
    public const string SectionName = "Actors:RabbitMq";

    /// <summary>AMQP URI of the broker, e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c> (user, password and vhost included).</summary>
    public string Uri { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Number of shard queues grains are hashed to. Fixed for the life of a cluster (changing it is an offline re-shard).</summary>
    public int ShardCount { get; set; } = 256;

    /// <summary>Prefix of every queue and exchange name: <c>{prefix}.shard.{n}</c>, <c>{prefix}.dlx</c>, <c>{prefix}.dead</c>.</summary>
    public string QueuePrefix { get; set; } = "openclaw";

    /// <summary>Unacknowledged calls a silo holds per shard (AMQP prefetch). Bounds the silo's in-flight calls to ShardCount × Prefetch.</summary>
    public ushort Prefetch { get; set; } = 32;

    /// <summary>AMQP heartbeat. A silo that stops answering loses its shards after about two missed heartbeats.</summary>
    public TimeSpan RequestedHeartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a call may be returned to a shard queue (silo crash or stop before the ack) before the broker moves it to
    /// the dead-letter queue. RabbitMQ 3.10 counts every return, crashes included.
    /// </summary>
    public int DeliveryLimit { get; set; } = 5;

    /// <summary>
    /// Bound of each shard queue; when it is full, publishing a call fails at once with <see cref="GrainOverloadedException"/>
    /// (nothing ran; retry later). A quorum queue applies the bound after the fact, so it may take one call over it.
    /// </summary>
    public int MaxShardQueueLength { get; set; } = 100_000;

    /// <summary>Bound of the dead-letter queue; when it is full the oldest dead letter is dropped (drop-head).</summary>
    public int MaxDeadLetters { get; set; } = 10_000;

    /// <summary>Channels a client publishes calls on (each carries its own direct reply-to consumer).</summary>
    public int ClientChannelCount { get; set; } = 4;

    /// <summary>Calls a client may have waiting for an answer; further calls wait for a slot until their deadline.</summary>
    public int MaxPendingCalls { get; set; } = 10_000;

    /// <summary>
    /// How often a silo sends a probe message through every shard queue. The broker tells no consumer that it became the
    /// active one, so a silo learns that it owns an idle shard (and must fire its reminders) when a probe arrives.
    /// </summary>
    public TimeSpan OwnershipProbeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether silos move shards so each owns about ShardCount / silos (single-active-consumer never rebalances by
    /// itself: the first silo to subscribe keeps every shard). Off only for tests that place shards by hand.
    /// </summary>
    public bool Rebalance { get; set; } = true;

    /// <summary>How often a silo compares the shards it owns with its fair share (ceil(ShardCount / silos)).</summary>
    public TimeSpan RebalanceInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Pause between two hand-offs of one silo. Shards move one at a time so the cluster converges without a burst of
    /// moves, and the receiving silo has learnt of the last shard (from its probe) before the next decision.
    /// </summary>
    public TimeSpan HandOffPause { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a hand-off (and each round of a silo's stop) waits for the shard's calls in flight. Turns are short, but
    /// a turn can wait for a call to a grain of a shard that is draining too (e.g. a chat session updating its agent's
    /// session index on the same shard), and the drain holds that call: a deadlock until the call's deadline. Past this
    /// bound the held calls run here: a hand-off is given up for now (the shard is tried again later), a stop drains again.
    /// </summary>
    public TimeSpan HandOffDrainTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class RabbitMqTransportOptionsValidator : IValidateOptions<RabbitMqTransportOptions>
{
    public ValidateOptionsResult Validate(string? name, RabbitMqTransportOptions options)
    {
        var failures = new List<string>();
        if (!System.Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            failures.Add($"{Key(nameof(options.Uri))} is not an absolute amqp:// or amqps:// URI (the value is not shown: it may hold a password).");
        if (options.ShardCount is < 1 or > 65_536)
            failures.Add($"{Key(nameof(options.ShardCount))} is set to {options.ShardCount}. ShardCount must be between 1 and 65536.");
        if (string.IsNullOrWhiteSpace(options.QueuePrefix) || options.QueuePrefix.Length > 200 || options.QueuePrefix.StartsWith("amq.", StringComparison.Ordinal))
            failures.Add($"{Key(nameof(options.QueuePrefix))} is set to '{options.QueuePrefix}'. QueuePrefix must be non-empty, at most 200 characters and must not start with 'amq.'.");
        if (options.Prefetch < 1)
            failures.Add($"{Key(nameof(options.Prefetch))} is set to {options.Prefetch}. Prefetch must be at least 1.");
        if (options.RequestedHeartbeat < TimeSpan.FromSeconds(1) || options.RequestedHeartbeat > TimeSpan.FromMinutes(10))
            failures.Add($"{Key(nameof(options.RequestedHeartbeat))} is set to {options.RequestedHeartbeat}. RequestedHeartbeat must be between 1 second and 10 minutes.");
        if (options.DeliveryLimit is < 1 or > 1000)
            failures.Add($"{Key(nameof(options.DeliveryLimit))} is set to {options.DeliveryLimit}. DeliveryLimit must be between 1 and 1000.");
        if (options.MaxShardQueueLength < 1)
            failures.Add($"{Key(nameof(options.MaxShardQueueLength))} is set to {options.MaxShardQueueLength}. MaxShardQueueLength must be at least 1.");
        if (options.MaxDeadLetters < 1)
            failures.Add($"{Key(nameof(options.MaxDeadLetters))} is set to {options.MaxDeadLetters}. MaxDeadLetters must be at least 1.");
        if (options.ClientChannelCount is < 1 or > 64)
            failures.Add($"{Key(nameof(options.ClientChannelCount))} is set to {options.ClientChannelCount}. ClientChannelCount must be between 1 and 64.");
        if (options.MaxPendingCalls < 1)
            failures.Add($"{Key(nameof(options.MaxPendingCalls))} is set to {options.MaxPendingCalls}. MaxPendingCalls must be at least 1.");
        if (options.OwnershipProbeInterval < TimeSpan.FromMilliseconds(100) || options.OwnershipProbeInterval > TimeSpan.FromHours(1))
            failures.Add($"{Key(nameof(options.OwnershipProbeInterval))} is set to {options.OwnershipProbeInterval}. OwnershipProbeInterval must be between 100 ms and 1 hour.");
        if (options.RebalanceInterval < TimeSpan.FromMilliseconds(50) || options.RebalanceInterval > TimeSpan.FromHours(1))
            failures.Add($"{Key(nameof(options.RebalanceInterval))} is set to {options.RebalanceInterval}. RebalanceInterval must be between 50 ms and 1 hour.");
        if (options.HandOffPause < TimeSpan.Zero || options.HandOffPause > TimeSpan.FromMinutes(1))
            failures.Add($"{Key(nameof(options.HandOffPause))} is set to {options.HandOffPause}. HandOffPause must be between 0 and 1 minute.");
        if (options.HandOffDrainTimeout < TimeSpan.FromMilliseconds(10) || options.HandOffDrainTimeout > TimeSpan.FromMinutes(5))
            failures.Add($"{Key(nameof(options.HandOffDrainTimeout))} is set to {options.HandOffDrainTimeout}. HandOffDrainTimeout must be between 10 ms and 5 minutes.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Key(string property) => $"{RabbitMqTransportOptions.SectionName}:{property}";

    /// <summary>The URI without its password, for messages.</summary>
    internal static string Redact(string? uri)
    {
        if (uri is null) return "";
        if (!System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.UserInfo.Contains(':')) return uri;
        var user = parsed.UserInfo[..parsed.UserInfo.IndexOf(':')];
        return new UriBuilder(parsed) { UserName = user, Password = "***" }.Uri.ToString();
    }
}
