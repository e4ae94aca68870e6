using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.Serialization;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace OpenClaw.Actors.RabbitMq.Client;

/// <summary>
/// The cluster call path (front nodes, and grain-to-grain calls in silos): the call is encoded with
/// <see cref="GrainCallCodec"/>, published with publisher confirms to the queue of the grain's shard
/// (<see cref="ShardMap.ShardOf"/>) with a fresh correlation id, <c>reply-to: amq.rabbitmq.reply-to</c> and a per-message
/// expiration equal to the time left until the call's deadline, and the answer is awaited until that deadline
/// (<see cref="TimeoutException"/> after it). Typed errors come back as their exceptions (<see cref="DomainException"/>
/// with its code). A full shard queue fails the call at once with <see cref="GrainOverloadedException"/>. The
/// connection is opened on first use (or by <see cref="ConnectAsync"/> at host start) and shared by every call.
/// </summary>
public sealed partial class RabbitMqGrainCallInvoker : IGrainCallInvoker, IAsyncDisposable
{
    private readonly RabbitMqTransportOptions _options;
    private readonly ShardTopology _topology;
    private readonly TimeProvider _time;
    private readonly ILogger<RabbitMqGrainCallInvoker> _logger;
    private readonly GrainCallCodec _codec = new();
    private readonly PendingCalls _pending;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly string _clientName = $"openclaw-client-{Environment.MachineName}-{Guid.NewGuid():N}";
    private volatile CallConnection? _connection;
    private bool _disposed;

    public RabbitMqGrainCallInvoker(IOptions<RabbitMqTransportOptions> options, TimeProvider time, ILogger<RabbitMqGrainCallInvoker> logger)
    {
        _options = options.Value;
        _topology = new ShardTopology(_options);
        _time = time;
        _logger = logger;
        _pending = new PendingCalls(_options.MaxPendingCalls);
    }

    /// <summary>Calls waiting for an answer now.</summary>
    public int PendingCallCount => _pending.Count;

    /// <summary>Opens the connection and declares the topology, unless that happened already.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null) return;
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is not null) return;
            _connection = await CallConnection.OpenAsync(_options, _topology, _pending, LogLateAnswer, _clientName, cancellationToken)
                .ConfigureAwait(false);
            LogConnected(RabbitMqTransportOptionsValidator.Redact(_options.Uri), _topology.Prefix, _topology.ShardCount);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async Task<object?> InvokeAsync(GrainCall call, CancellationToken cancellationToken)
    {
        var remaining = call.Deadline - _time.GetUtcNow();
        if (remaining <= TimeSpan.Zero) throw DeadlinePassed(call);

        using var deadline = new CancellationTokenSource(remaining, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await ConnectAsync(linked.Token).ConfigureAwait(false);
            var correlationId = Guid.NewGuid().ToString("N");
            var body = _codec.EncodeCall(call, correlationId);
            var queue = _topology.ShardQueue(ShardMap.ShardOf(call.Target, _topology.ShardCount));
            using var pending = await _pending.RegisterAsync(correlationId, linked.Token).ConfigureAwait(false);
            await PublishAsync(call, queue, correlationId, body, linked.Token).ConfigureAwait(false);
            var answer = await pending.Answer.WaitAsync(linked.Token).ConfigureAwait(false);
            return _codec.DecodeResult(answer, call);
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Call {call} got no answer before its deadline ({call.Deadline:O}); it may or may not have run.", exception);
        }
    }

    private async Task PublishAsync(GrainCall call, string queue, string correlationId, byte[] body, CancellationToken cancellationToken)
    {
        var left = call.Deadline - _time.GetUtcNow();
        if (left <= TimeSpan.Zero) throw DeadlinePassed(call);
        var properties = new BasicProperties
        {
            Type = MessageKinds.Call,
            ContentType = MessageKinds.JsonContentType,
            CorrelationId = correlationId,
            // Names the message in the dead-letter queue (IDeadLetters lists and re-drives by it).
            MessageId = correlationId,
            ReplyTo = MessageKinds.DirectReplyTo,
            // The broker drops a call nobody took before the caller gave up (into the dead-letter queue).
            Expiration = Math.Max(1, (long)Math.Ceiling(left.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture),
            Persistent = true,
        };
        var connection = _connection ?? throw new ObjectDisposedException(nameof(RabbitMqGrainCallInvoker));
        try
        {
            await connection.NextChannel().PublishAsync(queue, properties, body, cancellationToken).ConfigureAwait(false);
        }
        catch (PublishException exception) when (exception.IsReturn)
        {
            throw new InvalidOperationException($"Call {call}: shard queue {queue} does not exist (the broker returned the message).", exception);
        }
        catch (AlreadyClosedException exception)
        {
            // The connection is down (broker restart, network) and recovering by itself: nothing was sent.
            throw new GrainCallInterruptedException($"Call {call} was not sent: the broker connection is down ({exception.ShutdownReason?.ReplyText}). Retry shortly.",
                mayHaveRun: false, exception);
        }
        catch (OperationInterruptedException exception)
        {
            // The connection went away while the broker's confirm was outstanding: the call may be in its queue.
            throw new GrainCallInterruptedException($"Call {call}: the broker connection closed before it confirmed the call; it may or may not have run.",
                mayHaveRun: true, exception);
        }
        catch (PublishException exception)
        {
            // A nack: with reject-publish the shard queue is at MaxShardQueueLength. Nothing ran; the caller may retry later.
            LogShardQueueFull(exception, queue);
            throw new GrainOverloadedException(call.Target, _options.MaxShardQueueLength);
        }
    }

    private static TimeoutException DeadlinePassed(GrainCall call) =>
        new($"Call {call} was not sent: its deadline ({call.Deadline:O}) has passed.");

    public async ValueTask DisposeAsync()
    {
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_connection is { } connection)
            {
                _connection = null;
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private void LogLateAnswer(string? correlationId) => LogAnswerWithoutCaller(correlationId ?? "(none)");

    [LoggerMessage(2700, LogLevel.Information, "Grain call client connected to {Broker} ({ShardCount} shard queues {Prefix}.shard.*)")]
    private partial void LogConnected(string broker, string prefix, int shardCount);

    [LoggerMessage(2701, LogLevel.Debug, "An answer with correlation id {CorrelationId} arrived after its caller stopped waiting")]
    private partial void LogAnswerWithoutCaller(string correlationId);

    [LoggerMessage(2702, LogLevel.Warning, "Shard queue {Queue} refused a call (nack: the queue is full); the call fails as overloaded")]
    private partial void LogShardQueueFull(Exception exception, string queue);
}
