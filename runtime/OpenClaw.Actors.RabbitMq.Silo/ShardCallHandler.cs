using Microsoft.Extensions.Logging;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Runtime.Catalog;
using OpenClaw.Actors.Serialization;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace OpenClaw.Actors.RabbitMq.Silo;

/// <summary>
/// Turns one delivery from a shard queue into a grain turn and settles it:
/// <list type="bullet">
/// <item>a probe is acked (its arrival alone told the silo it owns the shard);</item>
/// <item>a call that cannot be decoded (bad JSON, unknown grain type or method) is answered with the error when it names
/// a reply-to, and rejected to the dead-letter queue: never acked and forgotten;</item>
/// <item>a call whose deadline passed is acked and dropped with a log line: its caller has given up;</item>
/// <item>otherwise the call is dispatched under its deadline; when the turn (state write included) has finished, the
/// result or the typed error is published to the reply-to and only then the delivery is acked. If the silo crashes
/// before the ack, the broker hands the call to the next owner, so a call may run twice (callers use idempotency keys);</item>
/// <item>a <see cref="GrainNotOwnedException"/> while the shard is being given away leaves the delivery unsettled (it is
/// requeued to the next owner when the channel closes); outside a hand-off it is answered and dead-lettered.</item>
/// </list>
/// Turns must stay short: RabbitMQ closes the channel of a consumer that holds a delivery unacked for 30 minutes.
/// <para>
/// Redelivery and duplicates: a turn that wrote its state but whose ack never reached the broker (the silo died in
/// between) is redelivered to the shard's next owner. The transport does not dedupe by message id, on purpose: a
/// recent-ids set would have to commit in the same conditional write as the grain's state to be exact (written
/// before the state, a crash loses the effect; after, the duplicate runs), and only the grain's own state write can
/// do that without changing every storage provider. A message id also changes when the caller retries after a
/// timeout, which is the more common duplicate. So idempotency is the grain's: a side-effecting method takes an
/// idempotency key and keeps the recent keys (bounded) in its state, written with the effect; a redelivered or
/// retried call finds its key and answers from state. Reads need nothing.
/// </para>
/// </summary>
internal sealed partial class ShardCallHandler(
    IGrainDispatcher dispatcher,
    GrainCallCodec codec,
    ReplyPublisher replies,
    TimeProvider time,
    CancellationToken abort,
    ILogger logger)
{
    private readonly ILogger _logger = logger;

    /// <summary>
    /// Runs inside the consumer's delivery callback, because the body is only valid there: decodes the call and enqueues
    /// it on its activation synchronously (so calls of one grain keep their queue order), and returns the task that
    /// completes and settles it. The returned task never faults; it logs its own failures.
    /// </summary>
    public Task Accept(int shard, IShardAcknowledger source, BasicDeliverEventArgs delivery)
    {
        var tag = delivery.DeliveryTag;
        var properties = delivery.BasicProperties;
        if (properties.Type == MessageKinds.Probe) return SettleAsync(() => source.AckAsync(tag), shard);

        GrainCall call;
        string correlationId;
        try
        {
            var envelope = codec.DecodeCallEnvelope(delivery.Body.Span);
            correlationId = envelope.CorrelationId;
            call = codec.FromEnvelope(envelope);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogUndecodable(exception, shard, DeliveryCount(properties));
            return DeadLetterAsync(source, tag, shard, properties.ReplyTo, properties.CorrelationId, exception);
        }

        var remaining = call.Deadline - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            LogExpired(call.Target.ToString(), call.Method.Name, shard);
            return SettleAsync(() => source.AckAsync(tag), shard);
        }

        var deadline = new CancellationTokenSource(remaining, time);
        var turn = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, abort);
        var reply = new ReplyAddress(properties.ReplyTo, properties.CorrelationId ?? correlationId, correlationId);
        Task<object?> dispatched;
        try
        {
            dispatched = dispatcher.DispatchAsync(call, turn.Token);
        }
        catch (Exception exception)
        {
            dispatched = Task.FromException<object?>(exception);
        }

        return CompleteAsync(shard, source, tag, call, reply, dispatched, deadline, turn);
    }

    private async Task CompleteAsync(int shard, IShardAcknowledger source, ulong tag, GrainCall call, ReplyAddress reply,
        Task<object?> dispatched, CancellationTokenSource deadline, CancellationTokenSource turn)
    {
        using var ownedDeadline = deadline;
        using var ownedTurn = turn;
        byte[] answer;
        try
        {
            var result = await dispatched.ConfigureAwait(false);
            answer = codec.EncodeResult(reply.EnvelopeCorrelationId, call.Method, result);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return; // the silo is going away abruptly: unsettled, the broker requeues the call to the next owner
        }
        catch (GrainNotOwnedException) when (source.IsDraining)
        {
            LogLeftForNextOwner(call.Target.ToString(), shard);
            return;
        }
        catch (GrainNotOwnedException exception)
        {
            LogNotOwned(exception, call.Target.ToString(), shard);
            await DeadLetterAsync(source, tag, shard, reply.Queue, reply.CorrelationId, exception).ConfigureAwait(false);
            return;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            answer = codec.EncodeError(reply.EnvelopeCorrelationId, exception);
        }

        await ReplyAsync(reply.Queue, reply.CorrelationId, answer, shard).ConfigureAwait(false);
        await SettleAsync(() => source.AckAsync(tag), shard).ConfigureAwait(false);
    }

    private async Task DeadLetterAsync(IShardAcknowledger source, ulong tag, int shard, string? replyTo, string? correlationId, Exception exception)
    {
        // Tell the caller at once instead of letting it wait for its deadline; the message itself is kept as a dead letter.
        await ReplyAsync(replyTo, correlationId, codec.EncodeError(correlationId ?? "", exception), shard).ConfigureAwait(false);
        await SettleAsync(() => source.DeadLetterAsync(tag), shard).ConfigureAwait(false);
    }

    private async Task ReplyAsync(string? replyTo, string? correlationId, byte[] answer, int shard)
    {
        if (string.IsNullOrEmpty(replyTo)) return;
        try
        {
            await replies.PublishAsync(replyTo, correlationId, answer, abort).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The call ran; its caller will time out. Settling still goes ahead so the call does not run again.
            LogReplyFailed(exception, shard);
        }
    }

    private async Task SettleAsync(Func<Task> settle, int shard)
    {
        try
        {
            await settle().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogSettleFailed(exception, shard);
        }
    }

    private static long DeliveryCount(IReadOnlyBasicProperties properties) =>
        properties.Headers is { } headers && headers.TryGetValue("x-delivery-count", out var value) && value is not null
            ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    /// <summary>Where the answer goes: the AMQP reply-to and correlation id, and the id inside the response envelope.</summary>
    private readonly record struct ReplyAddress(string? Queue, string? CorrelationId, string EnvelopeCorrelationId);

    [LoggerMessage(2730, LogLevel.Warning, "Shard {Shard}: a call could not be decoded (earlier deliveries: {DeliveryCount}); it goes to the dead-letter queue")]
    private partial void LogUndecodable(Exception exception, int shard, long deliveryCount);

    [LoggerMessage(2731, LogLevel.Information, "Shard {Shard}: call {GrainId}.{Method} arrived after its deadline; dropped (the caller has timed out)")]
    private partial void LogExpired(string grainId, string method, int shard);

    [LoggerMessage(2732, LogLevel.Debug, "Shard {Shard}: call to {GrainId} left unsettled for the shard's next owner (this silo is draining)")]
    private partial void LogLeftForNextOwner(string grainId, int shard);

    [LoggerMessage(2733, LogLevel.Error, "Shard {Shard}: this silo does not host {GrainId} although it receives its shard; the call goes to the dead-letter queue")]
    private partial void LogNotOwned(Exception exception, string grainId, int shard);

    [LoggerMessage(2734, LogLevel.Warning, "Shard {Shard}: the answer could not be published; the caller will time out")]
    private partial void LogReplyFailed(Exception exception, int shard);

    [LoggerMessage(2735, LogLevel.Warning, "Shard {Shard}: a delivery could not be settled (channel closed?); the broker will hand it to the shard's next owner, so the call may run again")]
    private partial void LogSettleFailed(Exception exception, int shard);
}
