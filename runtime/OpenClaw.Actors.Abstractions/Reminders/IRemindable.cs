namespace OpenClaw.Actors;

/// <summary>
/// A grain that receives durable reminders. A reminder survives deactivation and process restarts; when due it
/// activates the grain and calls <see cref="ReceiveReminder"/> as a normal turn.
/// </summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>Timing of one reminder tick.</summary>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);

public interface IGrainReminder
{
    string ReminderName { get; }
}

/// <summary>The reminders of one activation.</summary>
public interface IReminderRegistry
{
    Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period);
    Task UnregisterReminder(IGrainReminder reminder);
    Task<IGrainReminder?> GetReminder(string reminderName);
    Task<IReadOnlyList<IGrainReminder>> GetReminders();
}
