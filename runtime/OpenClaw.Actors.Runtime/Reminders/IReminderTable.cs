namespace OpenClaw.Actors.Runtime.Reminders;

/// <summary>
/// Durable storage of reminders (Orleans' <c>IReminderTable</c>). Every change is conditional on the row's ETag,
/// which is what lets several reminder services share one table and still fire each tick once: a service claims a
/// tick by moving <see cref="ReminderEntry.NextDueTime"/> forward, and only one conditional update can win. ETags
/// are never reused for a row, even after it is deleted and created again.
/// </summary>
public interface IReminderTable
{
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces the row of <paramref name="entry"/> if its current ETag is <paramref name="expectedETag"/>
    /// (null: the row must not exist). Returns the new ETag, or null when the row changed meanwhile.
    /// </summary>
    Task<string?> TryUpsertAsync(ReminderEntry entry, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Deletes the row if its current ETag is <paramref name="expectedETag"/>; false when it did not match.</summary>
    Task<bool> TryDeleteAsync(GrainId grainId, string reminderName, string expectedETag, CancellationToken cancellationToken);
}
