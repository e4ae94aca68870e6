using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenClaw.Actors.Runtime.Storage;
using OpenClaw.Actors.Serialization;

namespace OpenClaw.Actors.Runtime.Reminders;

/// <summary>
/// Reminders in one JSON file, <c>&lt;directory&gt;/reminders.json</c>, replaced atomically on every change (see
/// <see cref="AtomicFile"/>). Every access runs under an in-process lock and an OS lock file, so several tables over
/// one directory (silos of an in-process cluster, a restarted process) see each other's changes and their
/// conditional updates exclude each other. The file holds a table-wide version counter that becomes the ETag of each
/// changed row, so ETags never repeat. Sized for the embedded mode (tens to thousands of reminders).
/// <para>
/// The table is kept in memory between accesses and the file is read again only when another writer changed it:
/// every writer stores a fresh random token in the lock file (under the lock, before it replaces the table), and a
/// reader whose cached token still matches knows the file is the one it last saw. Writing the token before the table
/// means a writer that dies in between only causes an extra read; the file's size and write time are compared too, so
/// a hand edit (which writes no token) is noticed as well. A write that only moves an existing row's
/// <see cref="ReminderEntry.NextDueTime"/> (a claimed tick) is not flushed to disk: after a power loss that tick may
/// be delivered again; registrations and removals are flushed (unless fsync is off for the whole process).
/// </para>
/// </summary>
public sealed class FileReminderTable : IReminderTable, IDisposable
{
    public const string FileName = "reminders.json";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly bool _flushToDisk;
    private CachedTable? _cache;

    /// <param name="flushToDisk">False (the operator's OPENCLAW_FSYNC=0, as for grain state) flushes no change to
    /// disk: registrations survive a process crash but a power loss may lose them.</param>
    public FileReminderTable(string directory, bool flushToDisk = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        FilePath = Path.Combine(Path.GetFullPath(directory), FileName);
        _flushToDisk = flushToDisk;
    }

    public string FilePath { get; }

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
        => ReadAsync(static _ => true, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
        => ReadAsync(row => row.GrainId == grainId, cancellationToken);

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
        => (await ReadAsync(row => row.GrainId == grainId && row.ReminderName == reminderName, cancellationToken).ConfigureAwait(false))
            .SingleOrDefault();

    public async Task<string?> TryUpsertAsync(ReminderEntry entry, string? expectedETag, CancellationToken cancellationToken)
        => (await TryUpsertManyAsync([new ConditionalUpsert(entry, expectedETag)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>All rows in one locked read-check-write and one file write (a reminder pass's claims).</summary>
    public Task<IReadOnlyList<string?>> TryUpsertManyAsync(IReadOnlyList<ConditionalUpsert> changes, CancellationToken cancellationToken)
        => UpdateAsync([.. changes.Select(change => (Func<List<ReminderEntry>, (int, ReminderEntry?)?>)(rows =>
        {
            var index = rows.FindIndex(row => row.GrainId == change.Entry.GrainId && row.ReminderName == change.Entry.ReminderName);
            var current = index < 0 ? null : rows[index].ETag;
            return current == change.ExpectedETag ? (index, change.Entry) : null;
        }))], cancellationToken);

    public async Task<bool> TryDeleteAsync(GrainId grainId, string reminderName, string expectedETag, CancellationToken cancellationToken)
        => (await UpdateAsync([rows =>
        {
            var index = rows.FindIndex(row => row.GrainId == grainId && row.ReminderName == reminderName && row.ETag == expectedETag);
            return index < 0 ? null : (index, (ReminderEntry?)null);
        }], cancellationToken).ConfigureAwait(false))[0] is not null;

    public void Dispose() => _gate.Dispose();

    private async Task<IReadOnlyList<ReminderEntry>> ReadAsync(Func<ReminderEntry, bool> filter, CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath)) return [];
        await using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        var table = await LoadAsync(held.LockFile, cancellationToken).ConfigureAwait(false);
        return [.. table.Rows.Where(filter)];
    }

    /// <summary>
    /// Read-check-write under the locks, written once. Each change, in order and seeing the ones before it, returns
    /// the row index to replace (-1 to append) and the new row (null to delete), or null when its condition failed.
    /// Returns each change's new ETag (for a delete, the version that removed it), or null for a failed condition.
    /// </summary>
    private async Task<IReadOnlyList<string?>> UpdateAsync(
        IReadOnlyList<Func<List<ReminderEntry>, (int Index, ReminderEntry? Row)?>> changes, CancellationToken cancellationToken)
    {
        await using var held = await LockCreatingDirectoryAsync(cancellationToken).ConfigureAwait(false);
        var table = await LoadAsync(held.LockFile, cancellationToken).ConfigureAwait(false);
        var rows = table.Rows.ToList();
        var etags = new string?[changes.Count];
        var version = table.Version;
        var onlyMovesDueTimes = true;
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i](rows) is not { } decision) continue;
            version++;
            var etag = version.ToString(CultureInfo.InvariantCulture);
            etags[i] = etag;
            onlyMovesDueTimes &= decision.Row is not null && decision.Index >= 0
                && rows[decision.Index] with { NextDueTime = decision.Row.NextDueTime, ETag = null } == decision.Row with { ETag = null };
            if (decision.Row is null) rows.RemoveAt(decision.Index);
            else if (decision.Index < 0) rows.Add(decision.Row with { ETag = etag });
            else rows[decision.Index] = decision.Row with { ETag = etag };
        }

        if (version == table.Version) return etags;
        var updated = new TableDocument { Version = version, Reminders = [.. rows.Select(ToStored)] };
        _cache = null; // until the file and the token agree again
        var token = WriteToken(held.LockFile);
        await AtomicFile.WriteJsonAsync(FilePath, updated, flushToDisk: _flushToDisk && !onlyMovesDueTimes, cancellationToken).ConfigureAwait(false);
        _cache = new CachedTable(token, StampOf(FilePath), version, rows);
        return etags;
    }

    /// <summary>The table as the file holds it: from memory when the lock file's token says nobody else wrote since.</summary>
    private async Task<CachedTable> LoadAsync(FileStream lockFile, CancellationToken cancellationToken)
    {
        var token = ReadToken(lockFile);
        if (_cache is { } cached && token.Length > 0 && token == cached.Token && StampOf(FilePath) == cached.Stamp) return cached;
        var stamp = StampOf(FilePath);
        var document = await LoadDocumentAsync(cancellationToken).ConfigureAwait(false);
        var loaded = new CachedTable(token, stamp, document.Version, [.. document.Reminders.Select(ToEntry)]);
        _cache = token.Length > 0 ? loaded : null;
        return loaded;
    }

    /// <summary>Size and write time: a hand edit, which does not know about the token, changes them.</summary>
    private static (long Length, DateTime WrittenAt) StampOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, default);
    }

    private static string ReadToken(FileStream lockFile)
    {
        Span<byte> buffer = stackalloc byte[64];
        lockFile.Position = 0;
        var length = lockFile.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }

    private static string WriteToken(FileStream lockFile)
    {
        var token = Guid.NewGuid().ToString("N");
        var bytes = System.Text.Encoding.ASCII.GetBytes(token);
        // Overwritten in place: every token has the same length, and cutting the file to zero first freed and
        // reallocated its block on each change (a journal commit, milliseconds under the lock). A crash halfway leaves
        // a mix of two tokens, which matches no cache: one extra read, as an empty token did before.
        lockFile.Position = 0;
        lockFile.Write(bytes);
        if (lockFile.Length != bytes.Length) lockFile.SetLength(bytes.Length);
        lockFile.Flush();
        return token;
    }

    private async Task<TableDocument> LoadDocumentAsync(CancellationToken cancellationToken)
    {
        AtomicFile.RemoveStrayTempFiles(FilePath);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(FilePath, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return new TableDocument();
        }

        try
        {
            var document = JsonSerializer.Deserialize<TableDocument>(bytes, ActorJson.Options);
            if (document is null || document.Reminders.Any(row => row.Version <= 0 || row.Version > document.Version))
                throw new InvalidDataException("versions are missing or inconsistent");
            foreach (var row in document.Reminders) _ = GrainId.Parse(row.GrainId);
            return document;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or FormatException)
        {
            // Never start from an empty table over a damaged one: that would silently drop every reminder.
            throw new InvalidDataException($"Reminder table '{FilePath}' is corrupt and was left untouched ({ex.Message}). Repair or remove it.", ex);
        }
    }

    /// <summary><see cref="LockAsync"/>, creating the table's directory only when the lock file cannot be created for want of it (not a mkdir per change).</summary>
    private async Task<AsyncLockHandle> LockCreatingDirectoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await LockAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex is DirectoryNotFoundException or FileNotFoundException)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            return await LockAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AsyncLockHandle> LockAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new AsyncLockHandle(_gate, await FileLock.AcquireAsync(FilePath + ".lock", cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    private static ReminderEntry ToEntry(StoredReminder row) => new(
        GrainId.Parse(row.GrainId), row.Name, row.FirstTickTime, row.Period, row.NextDueTime)
    {
        ETag = row.Version.ToString(CultureInfo.InvariantCulture),
    };

    private static StoredReminder ToStored(ReminderEntry entry) => new()
    {
        GrainId = entry.GrainId.ToString(),
        Name = entry.ReminderName,
        FirstTickTime = entry.FirstTickTime,
        Period = entry.Period,
        NextDueTime = entry.NextDueTime,
        Version = long.Parse(entry.ETag!, CultureInfo.InvariantCulture),
    };

    /// <summary>The table as last read or written by this instance, and the lock-file token that was current then.</summary>
    private sealed record CachedTable(string Token, (long Length, DateTime WrittenAt) Stamp, long Version, IReadOnlyList<ReminderEntry> Rows);

    private readonly struct AsyncLockHandle(SemaphoreSlim gate, FileStream osLock) : IAsyncDisposable
    {
        public FileStream LockFile => osLock;

        public async ValueTask DisposeAsync()
        {
            await osLock.DisposeAsync().ConfigureAwait(false);
            gate.Release();
        }
    }

    private sealed record TableDocument
    {
        [JsonPropertyName("version")]
        public long Version { get; init; }

        [JsonPropertyName("reminders")]
        public List<StoredReminder> Reminders { get; init; } = [];
    }

    private sealed record StoredReminder
    {
        public required string GrainId { get; init; }
        public required string Name { get; init; }
        public DateTimeOffset FirstTickTime { get; init; }
        public TimeSpan Period { get; init; }
        public DateTimeOffset NextDueTime { get; init; }

        /// <summary>The table version of this row's last change: its ETag.</summary>
        public long Version { get; init; }
    }
}
