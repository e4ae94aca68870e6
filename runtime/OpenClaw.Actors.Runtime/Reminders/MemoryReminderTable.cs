using System.Globalization;

namespace OpenClaw.Actors.Runtime.Reminders;

/// <summary>Reminders in process memory: the table contract for tests and throwaway runs. Lost when the process ends.</summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId GrainId, string Name), ReminderEntry> _rows = [];
    private long _version;

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _rows.Values]);
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _rows.Values.Where(row => row.GrainId == grainId)]);
    }

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));
    }

    public Task<string?> TryUpsertAsync(ReminderEntry entry, string? expectedETag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (entry.GrainId, entry.ReminderName);
            if (_rows.GetValueOrDefault(key)?.ETag != expectedETag) return Task.FromResult<string?>(null);
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _rows[key] = entry with { ETag = etag };
            return Task.FromResult<string?>(etag);
        }
    }

    public Task<bool> TryDeleteAsync(GrainId grainId, string reminderName, string expectedETag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (grainId, reminderName);
            var matches = _rows.GetValueOrDefault(key)?.ETag == expectedETag;
            if (matches) _rows.Remove(key);
            return Task.FromResult(matches);
        }
    }
}
