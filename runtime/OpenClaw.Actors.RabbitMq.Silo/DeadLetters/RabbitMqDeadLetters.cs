using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Serialization;
using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Silo.DeadLetters;

/// <summary>
/// <see cref="IDeadLetters"/> on the broker, through a connection of its own opened on first use (an operator tool
/// must not share channels with the shard consumers, and listing holds deliveries unacknowledged for a moment).
/// </summary>
public sealed partial class RabbitMqDeadLetters : IDeadLetters, IAsyncDisposable
{
    private readonly RabbitMqTransportOptions _options;
    private readonly ShardTopology _topology;
    private readonly ILogger<RabbitMqDeadLetters> _logger;
    private readonly GrainCallCodec _codec = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private bool _disposed;

    public RabbitMqDeadLetters(IOptions<RabbitMqTransportOptions> options, ILogger<RabbitMqDeadLetters> logger)
    {
        _options = options.Value;
        _topology = new ShardTopology(_options);
        _logger = logger;
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            var letters = new List<DeadLetter>();
            // Closing this channel returns every message read on it, in order, to the dead-letter queue.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            while (letters.Count < max && await channel.BasicGetAsync(_topology.DeadLetterQueue, autoAck: false, cancellationToken).ConfigureAwait(false) is { } message)
                letters.Add(Describe(message.BasicProperties, message.Body.Span));
            await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
            return letters;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> RedriveAsync(IReadOnlyCollection<string>? messageIds, int max, DateTimeOffset? newDeadline, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var wanted = messageIds is null ? null : new HashSet<string>(messageIds, StringComparer.Ordinal);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            await using var reading = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var publishing = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
            var redriven = 0;
            for (var seen = 0; seen < max; seen++)
            {
                if (await reading.BasicGetAsync(_topology.DeadLetterQueue, autoAck: false, cancellationToken).ConfigureAwait(false) is not { } message) break;
                var properties = message.BasicProperties;
                var source = DeadLetterHeaders.SourceQueue(properties);
                // Not selected, or from a queue that is not one of this cluster's shards: left where it is (returned on close).
                if (wanted is not null && (properties.MessageId is null || !wanted.Contains(properties.MessageId))) continue;
                if (source is null || !IsShardQueue(source))
                {
                    LogNotRedrivable(properties.MessageId ?? "(none)", source ?? "(unknown)");
                    continue;
                }

                var body = newDeadline is { } deadline && properties.Type == MessageKinds.Call
                    ? WithDeadline(message.Body.Span, deadline) ?? message.Body.ToArray()
                    : message.Body.ToArray();
                var copy = new BasicProperties
                {
                    Type = properties.Type,
                    ContentType = properties.ContentType,
                    CorrelationId = properties.CorrelationId,
                    MessageId = properties.MessageId,
                    ReplyTo = properties.ReplyTo,
                    Persistent = true,
                    Headers = DeadLetterHeaders.ForRedrive(properties),
                    // No expiration: the per-message TTL of the first publish is what sent it here in the first place.
                };
                await publishing.BasicPublishAsync("", source, mandatory: true, copy, body, cancellationToken).ConfigureAwait(false);
                await reading.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
                redriven++;
            }

            await reading.CloseAsync(cancellationToken).ConfigureAwait(false);
            if (redriven > 0) LogRedriven(redriven);
            return redriven;
        }
        finally
        {
            _gate.Release();
        }
    }

    private DeadLetter Describe(IReadOnlyBasicProperties properties, ReadOnlySpan<byte> body)
    {
        string? target = null, method = null;
        if (properties.Type == MessageKinds.Call)
        {
            try
            {
                var envelope = _codec.DecodeCallEnvelope(body);
                target = envelope.Target;
                method = envelope.Method;
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
            {
                // An undecodable call is one of the reasons messages land here; it is listed without target.
            }
        }

        return new DeadLetter(properties.MessageId ?? properties.CorrelationId, properties.Type, DeadLetterHeaders.SourceQueue(properties),
            DeadLetterHeaders.Reason(properties), DeadLetterHeaders.DeadLetteredAt(properties), target, method, body.Length);
    }

    private byte[]? WithDeadline(ReadOnlySpan<byte> body, DateTimeOffset deadline)
    {
        try
        {
            var envelope = _codec.DecodeCallEnvelope(body) with { DeadlineUnixMs = deadline.ToUnixTimeMilliseconds() };
            return JsonSerializer.SerializeToUtf8Bytes(envelope, ActorJson.Options);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return null; // undecodable: re-driven unchanged, and the silo will dead-letter it again
        }
    }

    private bool IsShardQueue(string queue) => ShardQueueNames.ShardOf(_topology, queue) is not null;

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _connection ??= await RabbitMqConnections.OpenAsync(_options, $"openclaw-dead-letters-{Guid.NewGuid():N}", cancellationToken)
            .ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_connection is { } connection) await connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(2780, LogLevel.Information, "Re-drove {Count} dead letters to their shard queues")]
    private partial void LogRedriven(int count);

    [LoggerMessage(2781, LogLevel.Warning, "Dead letter {MessageId} is not re-driven: it came from {Queue}, which is not a shard queue of this cluster")]
    private partial void LogNotRedrivable(string messageId, string queue);
}
