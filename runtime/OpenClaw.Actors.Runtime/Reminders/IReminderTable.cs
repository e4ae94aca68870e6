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

    /// <summary>
    /// <see cref="TryUpsertAsync"/> for several rows, each conditional on its own ETag; returns each row's new ETag or
    /// null, in order. The reminder service claims a pass's due ticks with it, so a table that rewrites a whole
    /// document per change (<see cref="FileReminderTable"/>) can write a pass once instead of once per due row. This
    /// default applies them one by one.
    /// </summary>
    async Task<IReadOnlyList<string?>> TryUpsertManyAsync(IReadOnlyList<ConditionalUpsert> changes, CancellationToken cancellationToken)
    {
        var etags = new string?[changes.Count];
        for (var i = 0; i < changes.Count; i++)
            etags[i] = await TryUpsertAsync(changes[i].Entry, changes[i].ExpectedETag, cancellationToken).ConfigureAwait(false);
        return etags;
    }

    /// <summary>Deletes the row if its current ETag is <paramref name="expectedETag"/>; false when it did not match.</summary>
    Task<bool> TryDeleteAsync(GrainId grainId, string reminderName, string expectedETag, CancellationToken cancellationToken);
}

/// <summary>One row of <see cref="IReminderTable.TryUpsertManyAsync"/>: the new row and the ETag it must replace (null: must not exist).</summary>
public readonly record struct ConditionalUpsert(ReminderEntry Entry, string? ExpectedETag);
