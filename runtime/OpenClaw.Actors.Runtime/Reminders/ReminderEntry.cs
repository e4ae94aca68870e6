namespace OpenClaw.Actors.Runtime.Reminders;

/// <summary>
/// One durable reminder as the reminder table stores it. Ticks fall at <see cref="FirstTickTime"/> + n ×
/// <see cref="Period"/>; <see cref="NextDueTime"/> is the next tick not yet fired (claimed). <see cref="ETag"/> is
/// the table's version of this row, set by the table on read.
/// </summary>
public sealed record ReminderEntry(
    GrainId GrainId,
    string ReminderName,
    DateTimeOffset FirstTickTime,
    TimeSpan Period,
    DateTimeOffset NextDueTime)
{
    public string? ETag { get; init; }

    /// <summary>
    /// The latest tick at or before <paramref name="now"/> (the one to fire now) and the first tick after it. Ticks
    /// missed while nobody was running are skipped, so a late catch-up fires once, not a burst.
    /// </summary>
    public (DateTimeOffset Current, DateTimeOffset Next) TicksAt(DateTimeOffset now)
    {
        if (now < FirstTickTime) return (FirstTickTime, FirstTickTime);
        var elapsedPeriods = (now - FirstTickTime).Ticks / Period.Ticks;
        var current = FirstTickTime + TimeSpan.FromTicks(elapsedPeriods * Period.Ticks);
        return (current, current + Period);
    }
}

/// <summary>What <see cref="IReminderRegistry"/> hands to grains.</summary>
public sealed record GrainReminder(GrainId GrainId, string ReminderName, DateTimeOffset FirstTickTime, TimeSpan Period) : IGrainReminder
{
    public static GrainReminder From(ReminderEntry entry) => new(entry.GrainId, entry.ReminderName, entry.FirstTickTime, entry.Period);
}
