using Microsoft.Extensions.Options;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// Settings of the RabbitMQ stream provider (configuration section <c>Actors:RabbitMqStreams</c>). Every node of one
/// cluster must use the same <see cref="Prefix"/>: it names the exchange items are published to. Unset
/// <see cref="Uri"/> and <see cref="Prefix"/> are taken from <see cref="RabbitMqTransportOptions"/>, so a host that
/// configured the call transport needs nothing more.
/// </summary>
public sealed class RabbitMqStreamOptions
{
    public const string SectionName = "Actors:RabbitMqStreams";

    /// <summary>AMQP URI of the broker; null means <see cref="RabbitMqTransportOptions.Uri"/>.</summary>
    public string? Uri { get; set; }

    /// <summary>Prefix of the exchange (<c>{prefix}.streams</c>) and of the node queues; null means <see cref="RabbitMqTransportOptions.QueuePrefix"/>.</summary>
    public string? Prefix { get; set; }

    /// <summary>
    /// Names this node's queue (<c>{prefix}.streams.{node}.{unique}</c>) so the broker's queue list shows who it belongs
    /// to; a name that is not a plain word of at most 64 characters appears as a hash.
    /// </summary>
    public string NodeName { get; set; } = Environment.MachineName;

    /// <summary>
    /// Channels items are published on. A stream always uses the same one (stable hash of its id), which is what keeps
    /// its items in order; more channels let more streams be confirmed in parallel.
    /// </summary>
    public int PublishChannelCount { get; set; } = 4;

    /// <summary>Items published but not yet confirmed by the broker, per channel; the channel's writer waits for confirms beyond it.</summary>
    public int MaxUnconfirmedPerChannel { get; set; } = 512;

    /// <summary>Items waiting to be written, per channel; a publisher waits for room (within <see cref="PublishTimeout"/>).</summary>
    public int PublishQueueCapacity { get; set; } = 4096;

    /// <summary>
    /// How long <c>OnNextAsync</c> may take, from the call until the broker's confirm, including waiting for a lost
    /// connection to come back. After it the call fails with <see cref="StreamPublishException"/>.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bound of this node's queue in messages; beyond it the broker drops the oldest message (drop-head).</summary>
    public int NodeQueueMaxLength { get; set; } = 100_000;

    /// <summary>Bound of this node's queue in bytes; beyond it the broker drops the oldest message (drop-head).</summary>
    public long NodeQueueMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// How long the broker keeps this node's queue (and what it buffered) without a consumer: long enough to ride out a
    /// reconnect, short enough that a node that died does not leave a queue filling up for long.
    /// </summary>
    public TimeSpan NodeQueueExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Deliveries the broker sends ahead of the node's acknowledgements (AMQP prefetch).</summary>
    public ushort Prefetch { get; set; } = 256;

    /// <summary>Pause between attempts to reconnect after the connection to the broker was lost.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>AMQP heartbeat: a dead connection is noticed after about two missed heartbeats.</summary>
    public TimeSpan RequestedHeartbeat { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class RabbitMqStreamOptionsValidator : IValidateOptions<RabbitMqStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, RabbitMqStreamOptions options)
    {
        var failures = new List<string>();
        if (options.Uri is not null && (!System.Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps")))
            failures.Add($"{Key(nameof(options.Uri))} is not an absolute amqp:// or amqps:// URI (the value is not shown: it may hold a password).");
        if (options.Prefix is not null && (string.IsNullOrWhiteSpace(options.Prefix) || options.Prefix.Length > 100 || options.Prefix.StartsWith("amq.", StringComparison.Ordinal)))
            failures.Add($"{Key(nameof(options.Prefix))} is set to '{options.Prefix}'. Prefix must be non-empty, at most 100 characters and must not start with 'amq.'.");
        if (string.IsNullOrWhiteSpace(options.NodeName) || options.NodeName.Length > 255)
            failures.Add($"{Key(nameof(options.NodeName))} is set to '{options.NodeName}'. NodeName must be non-empty and at most 255 characters.");
        if (options.PublishChannelCount is < 1 or > 64)
            failures.Add($"{Key(nameof(options.PublishChannelCount))} is set to {options.PublishChannelCount}. PublishChannelCount must be between 1 and 64.");
        if (options.MaxUnconfirmedPerChannel is < 1 or > 65_536)
            failures.Add($"{Key(nameof(options.MaxUnconfirmedPerChannel))} is set to {options.MaxUnconfirmedPerChannel}. MaxUnconfirmedPerChannel must be between 1 and 65536.");
        if (options.PublishQueueCapacity is < 1 or > 1_000_000)
            failures.Add($"{Key(nameof(options.PublishQueueCapacity))} is set to {options.PublishQueueCapacity}. PublishQueueCapacity must be between 1 and 1000000.");
        if (options.PublishTimeout < TimeSpan.FromMilliseconds(10) || options.PublishTimeout > TimeSpan.FromMinutes(5))
            failures.Add($"{Key(nameof(options.PublishTimeout))} is set to {options.PublishTimeout}. PublishTimeout must be between 10 ms and 5 minutes.");
        if (options.NodeQueueMaxLength < 1)
            failures.Add($"{Key(nameof(options.NodeQueueMaxLength))} is set to {options.NodeQueueMaxLength}. NodeQueueMaxLength must be at least 1.");
        if (options.NodeQueueMaxBytes < 1024)
            failures.Add($"{Key(nameof(options.NodeQueueMaxBytes))} is set to {options.NodeQueueMaxBytes}. NodeQueueMaxBytes must be at least 1024.");
        if (options.NodeQueueExpiry < TimeSpan.FromSeconds(1) || options.NodeQueueExpiry > TimeSpan.FromDays(1))
            failures.Add($"{Key(nameof(options.NodeQueueExpiry))} is set to {options.NodeQueueExpiry}. NodeQueueExpiry must be between 1 second and 1 day.");
        if (options.Prefetch < 1)
            failures.Add($"{Key(nameof(options.Prefetch))} is set to {options.Prefetch}. Prefetch must be at least 1.");
        if (options.ReconnectInterval < TimeSpan.FromMilliseconds(10) || options.ReconnectInterval > TimeSpan.FromMinutes(5))
            failures.Add($"{Key(nameof(options.ReconnectInterval))} is set to {options.ReconnectInterval}. ReconnectInterval must be between 10 ms and 5 minutes.");
        if (options.RequestedHeartbeat < TimeSpan.FromSeconds(1) || options.RequestedHeartbeat > TimeSpan.FromMinutes(10))
            failures.Add($"{Key(nameof(options.RequestedHeartbeat))} is set to {options.RequestedHeartbeat}. RequestedHeartbeat must be between 1 second and 10 minutes.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Key(string property) => $"{RabbitMqStreamOptions.SectionName}:{property}";
}
