namespace OpenClaw.Actors.Runtime;

/// <summary>
/// Delivers a due reminder to its grain as a normal turn (activating the grain if needed). Implemented by the silo's
/// catalog; called by the reminder service, which owns the schedule.
/// </summary>
public interface IReminderInvoker
{
    Task InvokeAsync(GrainId grainId, string reminderName, TickStatus status, CancellationToken cancellationToken);
}

/// <summary>
/// Whether this silo currently owns a grain (its shard, in a cluster; always true in embedded mode). The reminder
/// service fires only the reminders of grains this silo owns, so a reminder fires once per cluster.
/// </summary>
public interface ILocalGrainOwnership
{
    bool Owns(GrainId grainId);
}
