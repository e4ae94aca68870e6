using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// The rules of the per-session input queue (spec §12). Followup inputs run one by one in arrival order; adjacent
/// collect inputs are merged into one run; steer inputs wait for the active run's next model turn and fall back to a
/// run of their own if that run ends first; an interrupt input goes to the front, to run right after the active run
/// is aborted. Overflow rule: at <see cref="Capacity"/> queued inputs a send is refused with a retryable
/// <c>BUSY</c> <see cref="DomainException"/>; nothing already accepted is ever dropped.
/// </summary>
public static class PendingInputQueue
{
    public const int Capacity = 100;

    public static void Enqueue(List<PendingInput> queue, PendingInput input)
    {
        if (queue.Count >= Capacity)
            throw new DomainException("BUSY", $"The session already has {Capacity} queued messages; retry after the current runs finish.", retryable: true);
        if (input.Mode == QueueMode.Interrupt) queue.Insert(0, input);
        else queue.Add(input);
    }

    /// <summary>Takes the inputs of the next run: the head, plus the collect inputs that follow a collect head.</summary>
    public static IReadOnlyList<PendingInput> TakeNextRun(List<PendingInput> queue)
    {
        if (queue.Count == 0) return [];
        var head = queue[0];
        var count = 1;
        if (head.Mode == QueueMode.Collect)
        {
            while (count < queue.Count && queue[count].Mode == QueueMode.Collect) count++;
        }

        var taken = queue.GetRange(0, count);
        queue.RemoveRange(0, count);
        return taken;
    }

    /// <summary>Takes the steer inputs waiting for the active run's next model turn.</summary>
    public static IReadOnlyList<PendingInput> TakeSteering(List<PendingInput> queue)
    {
        var steering = queue.FindAll(p => p.Mode == QueueMode.Steer);
        queue.RemoveAll(p => p.Mode == QueueMode.Steer);
        return steering;
    }
}
