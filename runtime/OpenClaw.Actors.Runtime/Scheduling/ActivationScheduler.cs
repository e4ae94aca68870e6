namespace OpenClaw.Actors.Runtime.Scheduling;

/// <summary>
/// Runs one activation's grain code one piece at a time: every turn and every continuation of it (awaits capture
/// <see cref="TaskScheduler.Current"/>) goes through the same exclusive scheduler, so grain fields are never touched
/// by two threads at once, even when requests interleave at awaits.
/// </summary>
internal sealed class ActivationScheduler
{
    private readonly TaskScheduler _exclusive = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 1).ExclusiveScheduler;

    public Task RunAsync(Func<Task> work)
        => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _exclusive).Unwrap();
}
