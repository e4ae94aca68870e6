namespace OpenClaw.Actors.RabbitMq.Silo.DeadLetters;

/// <summary>
/// The cluster's dead-letter queue (<c>{prefix}.dead</c>): calls that could not be decoded, went over the delivery limit
/// (a turn that kept crashing its silo), or expired in their shard queue. Nothing consumes it; an operator lists what is
/// there and re-drives it to the shard queues after fixing the cause.
/// </summary>
public interface IDeadLetters
{
    /// <summary>
    /// Up to <paramref name="max"/> dead letters, oldest first, without removing them (they are read unacknowledged and
    /// returned to the queue, in order, when the read ends).
    /// </summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes dead letters back to the shard queue they died in (with publisher confirms) and only then removes them
    /// from the dead-letter queue, so a failure midway leaves each message in one of the two queues (at worst in both).
    /// <paramref name="messageIds"/> selects by <see cref="DeadLetter.MessageId"/>; null re-drives every one. At most
    /// <paramref name="max"/> dead letters are looked at. A call carries the deadline its caller had; one that passed
    /// would only be dropped as expired by the silo, so <paramref name="newDeadline"/>, when given, replaces it.
    /// Returns the number re-driven.
    /// </summary>
    Task<int> RedriveAsync(IReadOnlyCollection<string>? messageIds, int max, DateTimeOffset? newDeadline, CancellationToken cancellationToken);
}

/// <summary>One message in the dead-letter queue.</summary>
/// <param name="MessageId">The AMQP message id (a call's correlation id); null for messages published without one, which can only be re-driven all together.</param>
/// <param name="Kind">The AMQP type (<see cref="MessageKinds.Call"/> for grain calls).</param>
/// <param name="SourceQueue">The shard queue it died in.</param>
/// <param name="Reason">The broker's reason: <c>rejected</c> (undecodable, or over the delivery limit), <c>expired</c>, <c>delivery_limit</c> or <c>maxlen</c>.</param>
/// <param name="DeadLetteredAt">When the broker dead-lettered it (second precision), when known.</param>
/// <param name="Target">The grain the call was for, when the body is a readable call.</param>
/// <param name="Method">The method of that call.</param>
/// <param name="BodyBytes">Size of the body (the body itself is not exposed: it may hold user content).</param>
public sealed record DeadLetter(
    string? MessageId,
    string? Kind,
    string? SourceQueue,
    string? Reason,
    DateTimeOffset? DeadLetteredAt,
    string? Target,
    string? Method,
    int BodyBytes);
