namespace OpenClaw.Actors.Runtime.Reminders;

/// <summary>
/// The reminders of one grain, backed by the reminder table. Register and unregister retry their conditional table
/// update a few times, because the reminder service moves <see cref="ReminderEntry.NextDueTime"/> (and so the ETag)
/// on every tick it claims; a grain's reminder handle therefore carries no ETag.
/// </summary>
internal sealed class GrainReminderRegistry(
    GrainId grainId,
    IReminderTable table,
    TimeProvider timeProvider,
    ReminderOptions options) : IReminderRegistry
{
    private const int MaxAttempts = 10;

    public async Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        if (dueTime < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time of a reminder cannot be negative.");
        if (period < options.MinimumPeriod)
            throw new ArgumentOutOfRangeException(nameof(period), period, $"The period of a reminder must be at least {options.MinimumPeriod}.");

        var firstTick = timeProvider.GetUtcNow() + dueTime;
        var entry = new ReminderEntry(grainId, reminderName, firstTick, period, firstTick);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await table.ReadAsync(grainId, reminderName, CancellationToken.None).ConfigureAwait(false);
            if (await table.TryUpsertAsync(entry, current?.ETag, CancellationToken.None).ConfigureAwait(false) is not null)
                return GrainReminder.From(entry);
        }

        throw Contended(reminderName, "register");
    }

    public async Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await table.ReadAsync(grainId, reminder.ReminderName, CancellationToken.None).ConfigureAwait(false);
            if (current is null) return;
            if (await table.TryDeleteAsync(grainId, reminder.ReminderName, current.ETag!, CancellationToken.None).ConfigureAwait(false))
                return;
        }

        throw Contended(reminder.ReminderName, "unregister");
    }

    public async Task<IGrainReminder?> GetReminder(string reminderName)
        => await table.ReadAsync(grainId, reminderName, CancellationToken.None).ConfigureAwait(false) is { } entry
            ? GrainReminder.From(entry)
            : null;

    public async Task<IReadOnlyList<IGrainReminder>> GetReminders()
        => [.. (await table.ReadAsync(grainId, CancellationToken.None).ConfigureAwait(false)).Select(GrainReminder.From)];

    private InconsistentStateException Contended(string reminderName, string operation)
        => new($"Could not {operation} reminder '{reminderName}' of {grainId}: the row kept changing ({MaxAttempts} attempts).");
}
