using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenClaw.Actors.Runtime.Reminders;

/// <summary>
/// One pass over the reminder table: for every due reminder of a grain this silo owns, claim the tick by moving
/// <see cref="ReminderEntry.NextDueTime"/> to the next future tick with an ETag-conditional update, and only then
/// deliver it. A tick is therefore delivered at most once, however many services share the table; a delivery that
/// fails is logged and not retried (the next tick comes as scheduled), as in Orleans.
/// </summary>
public sealed partial class ReminderDispatcher(
    IReminderTable table,
    IReminderInvoker invoker,
    ILocalGrainOwnership ownership,
    TimeProvider timeProvider,
    IOptions<ReminderOptions> options,
    ILogger<ReminderDispatcher> logger)
{
    private readonly ReminderOptions _options = options.Value;

    /// <summary>Delivers every reminder due now; returns how many ticks this pass claimed.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var rows = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<(ReminderEntry Row, DateTimeOffset Current, DateTimeOffset Next)>();
        foreach (var row in rows)
        {
            if (row.NextDueTime > now || !ownership.Owns(row.GrainId)) continue;
            var (current, next) = row.TicksAt(now);
            due.Add((row, current, next));
        }

        if (due.Count == 0) return 0;
        // One conditional update per row, sent together: a file table writes the whole pass once.
        var etags = await table.TryUpsertManyAsync(
            [.. due.Select(d => new ConditionalUpsert(d.Row with { NextDueTime = d.Next }, d.Row.ETag))], cancellationToken).ConfigureAwait(false);
        var claimed = new List<(ReminderEntry Entry, TickStatus Tick)>(due.Count);
        for (var i = 0; i < due.Count; i++)
        {
            var (row, current, _) = due[i];
            if (etags[i] is null)
            {
                LogClaimLost(row.GrainId, row.ReminderName);
                continue;
            }

            claimed.Add((row, new TickStatus(row.FirstTickTime, row.Period, current)));
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentInvocations, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(claimed, parallel, (item, ct) => new ValueTask(DeliverAsync(item.Entry, item.Tick, ct))).ConfigureAwait(false);
        return claimed.Count;
    }

    private async Task DeliverAsync(ReminderEntry entry, TickStatus tick, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.InvocationTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await invoker.InvokeAsync(entry.GrainId, entry.ReminderName, tick, linked.Token).ConfigureAwait(false);
            LogDelivered(entry.GrainId, entry.ReminderName, tick.CurrentTickTime);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // One grain's failure must not stop the others, nor the next pass.
            LogDeliveryFailed(ex, entry.GrainId, entry.ReminderName, tick.CurrentTickTime);
        }
    }

    [LoggerMessage(2510, LogLevel.Debug, "Reminder {ReminderName} of {GrainId} delivered for tick {TickTime:O}")]
    private partial void LogDelivered(GrainId grainId, string reminderName, DateTimeOffset tickTime);

    [LoggerMessage(2511, LogLevel.Warning, "Reminder {ReminderName} of {GrainId} failed for tick {TickTime:O}; the next tick is still scheduled")]
    private partial void LogDeliveryFailed(Exception exception, GrainId grainId, string reminderName, DateTimeOffset tickTime);

    [LoggerMessage(2512, LogLevel.Debug, "Reminder {ReminderName} of {GrainId} was claimed or changed elsewhere; skipped")]
    private partial void LogClaimLost(GrainId grainId, string reminderName);
}
