using Microsoft.Extensions.Options;
using OpenClaw.Actors.DeadLetters;

namespace OpenClaw.Actors.RabbitMq.Silo.DeadLetters;

/// <summary>
/// <see cref="IDeadLetterAdminGrain"/> on a silo: the silo's <see cref="IDeadLetters"/> behind a grain, so operators
/// reach the dead-letter queue from any front node through the broker. Its turns are one at a time (one key), which
/// keeps two re-drives from taking the same messages.
/// </summary>
public sealed class DeadLetterAdminGrain(IDeadLetters deadLetters, IOptions<RabbitMqTransportOptions> options, TimeProvider time)
    : Grain, IDeadLetterAdminGrain
{
    private readonly ShardTopology _topology = new(options.Value);

    public async Task<IReadOnlyList<DeadLetterInfo>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var letters = await deadLetters.ListAsync(Bounded(max), cancellationToken);
        return [.. letters.Select(Describe)];
    }

    public Task<int> RedriveAsync(IReadOnlyList<string>? messageIds, int max, int deadlineMilliseconds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(deadlineMilliseconds, 1);
        var deadline = time.GetUtcNow().AddMilliseconds(deadlineMilliseconds);
        return deadLetters.RedriveAsync(messageIds, Bounded(max), deadline, cancellationToken);
    }

    private static int Bounded(int max) => Math.Clamp(max, 1, DeadLetterAdmin.MaxBatch);

    private DeadLetterInfo Describe(DeadLetter letter) => new(
        letter.MessageId,
        letter.Kind,
        letter.SourceQueue,
        ShardQueueNames.ShardOf(_topology, letter.SourceQueue),
        letter.Reason,
        letter.DeadLetteredAt?.ToUnixTimeMilliseconds(),
        letter.Target,
        letter.Method,
        letter.BodyBytes);
}
