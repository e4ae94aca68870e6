namespace OpenClaw.Actors.DeadLetters;

/// <summary>
/// The cluster's dead letters for operators, as a grain so a front node reaches them through the broker like any other
/// grain call (the front tier never references the silo runtime, which reads the dead-letter queue). Hosted by every
/// cluster silo; use the single key <see cref="DeadLetterAdmin.Key"/>, so list and re-drive run one at a time.
/// </summary>
public interface IDeadLetterAdminGrain : IGrainWithStringKey
{
    /// <summary>Up to <paramref name="max"/> dead letters, oldest first, left in place.</summary>
    Task<IReadOnlyList<DeadLetterInfo>> ListAsync(int max, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes the selected dead letters (<paramref name="messageIds"/>; null: all of them) back to the shard queues
    /// they died in, looking at no more than <paramref name="max"/>, each call with a fresh deadline
    /// <paramref name="deadlineMilliseconds"/> from now. Returns how many were re-driven.
    /// </summary>
    Task<int> RedriveAsync(IReadOnlyList<string>? messageIds, int max, int deadlineMilliseconds, CancellationToken cancellationToken);
}

/// <summary>Names and bounds shared by the admin grain and its callers.</summary>
public static class DeadLetterAdmin
{
    public const string Key = "cluster";

    /// <summary>At most this many dead letters are looked at by one list or re-drive.</summary>
    public const int MaxBatch = 1000;
}

/// <summary>One dead letter, without its body (which may hold user content).</summary>
/// <param name="MessageId">The AMQP message id (a call's correlation id); null for messages published without one.</param>
/// <param name="Kind">The AMQP type (<c>call</c> for grain calls).</param>
/// <param name="SourceQueue">The shard queue it died in.</param>
/// <param name="Shard">That queue's shard number, when it is one of this cluster's shard queues.</param>
/// <param name="Reason">The broker's reason: <c>rejected</c>, <c>expired</c>, <c>delivery_limit</c> or <c>maxlen</c>.</param>
/// <param name="DeadLetteredAtMs">When the broker dead-lettered it (Unix ms, second precision), when known.</param>
/// <param name="Target">The grain the call was for (<c>type/key</c>), when the body is a readable call.</param>
/// <param name="Method">The method of that call.</param>
/// <param name="BodyBytes">Size of the body.</param>
public sealed record DeadLetterInfo(
    string? MessageId,
    string? Kind,
    string? SourceQueue,
    int? Shard,
    string? Reason,
    long? DeadLetteredAtMs,
    string? Target,
    string? Method,
    int BodyBytes);
