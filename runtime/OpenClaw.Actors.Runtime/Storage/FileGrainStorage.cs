using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors.Serialization;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// Grain state in files: <c>&lt;root&gt;/&lt;grainType&gt;/&lt;key&gt;/&lt;stateName&gt;.json</c>, each segment escaped by
/// <see cref="StorageFileNames"/>. Every write and clear is conditional on the caller's ETag (null = the record must
/// not exist) and throws <see cref="InconsistentStateException"/> on a mismatch. Writes are atomic: the new document
/// goes to a temp file in the same directory, is flushed to disk (unless <see cref="FileGrainStorageOptions.FlushToDisk"/>
/// is off), then renamed over the old one, so a crash at any point leaves the old or the new document, never a torn
/// one. The ETag check reads only the document's first bytes (see <see cref="StoredHeaderPrefix"/>). Read-check-write runs under a per-file lock (in
/// process, and an OS lock file across instances), so two activations of one grain get an ETag conflict, never a
/// lost update.
/// </summary>
public sealed partial class FileGrainStorage : IGrainStorage
{
    private const string StateExtension = ".json";
    private const string LockExtension = ".lock";

    private readonly string _root;
    private readonly ILogger<FileGrainStorage> _logger;
    private readonly KeyedAsyncLock _locks = new();
    private readonly bool _flushToDisk;

    /// <param name="flushToDisk">See <see cref="FileGrainStorageOptions.FlushToDisk"/>.</param>
    public FileGrainStorage(string rootDirectory, ILogger<FileGrainStorage> logger, bool flushToDisk = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        _root = Path.GetFullPath(rootDirectory);
        _logger = logger;
        _flushToDisk = flushToDisk;
    }

    /// <summary>The file that holds <paramref name="stateName"/> of <paramref name="grainId"/>.</summary>
    public string GetFilePath(string stateName, GrainId grainId)
        => Path.Combine(_root, StorageFileNames.Escape(grainId.Type.Value), StorageFileNames.Escape(grainId.Key),
            StorageFileNames.Escape(stateName) + StateExtension);

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        var path = GetFilePath(stateName, grainId);
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            SetMissing(grainState);
            return;
        }

        using var held = await LockAsync(path, cancellationToken).ConfigureAwait(false);
        RemoveStrayTempFiles(path);
        var stored = await ReadDocumentAsync<StoredGrainState<TState>>(path, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Cleared == true)
        {
            SetMissing(grainState);
            return;
        }

        if (stored.State is null)
            throw new GrainStateCorruptedException(path, "the document has no state");
        grainState.State = stored.State;
        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        var path = GetFilePath(stateName, grainId);
        using var held = await LockCreatingDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
        var version = await CheckVersionAsync(path, grainId, stateName, grainState.ETag, cancellationToken).ConfigureAwait(false);

        var next = StateVersions.Format(version + 1);
        var document = new StoredGrainState<TState> { ETag = next, State = grainState.State };
        await AtomicFile.WriteJsonAsync(path, document, _flushToDisk, cancellationToken).ConfigureAwait(false);
        grainState.ETag = next;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        var path = GetFilePath(stateName, grainId);
        if (Directory.Exists(Path.GetDirectoryName(path)))
        {
            using var held = await LockAsync(path, cancellationToken).ConfigureAwait(false);
            var version = await CheckVersionAsync(path, grainId, stateName, grainState.ETag, cancellationToken).ConfigureAwait(false);
            if (grainState.ETag is not null)
            {
                var tombstone = new StoredGrainHeader { ETag = StateVersions.Format(version + 1), Cleared = true };
                await AtomicFile.WriteJsonAsync(path, tombstone, _flushToDisk, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (grainState.ETag is not null)
        {
            throw Conflict(grainId, stateName, storedEtag: null, grainState.ETag);
        }

        SetMissing(grainState);
    }

    /// <summary>
    /// Checks the caller's ETag against the stored record and returns the stored version (0 when there never was
    /// one; a tombstone's version when cleared, so the next version continues from it).
    /// </summary>
    private static async Task<long> CheckVersionAsync(string path, GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        var header = await ReadHeaderAsync(path, cancellationToken).ConfigureAwait(false);
        var exists = header is not null && header.Cleared != true;
        var storedEtag = exists ? header!.ETag : null;
        if (!string.Equals(storedEtag, expectedEtag, StringComparison.Ordinal))
            throw Conflict(grainId, stateName, storedEtag, expectedEtag);
        return header?.ETag is { } etag && StateVersions.TryParse(etag, out var version) ? version : 0;
    }

    private static InconsistentStateException Conflict(GrainId grainId, string stateName, string? storedEtag, string? expectedEtag)
        => new($"State '{stateName}' of {grainId} was changed by someone else: stored ETag '{storedEtag ?? "(none)"}', " +
               $"the writer expected '{expectedEtag ?? "(none)"}'.", storedEtag, expectedEtag);

    /// <summary>The version fields, from the file's first bytes when they hold them (the usual case), else from the whole document.</summary>
    private static async Task<StoredGrainHeader?> ReadHeaderAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            if (StoredHeaderPrefix.TryRead(path) is { } header
                && StateVersions.TryParse(header.ETag, out _))
                return header;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return await ReadDocumentAsync<StoredGrainHeader>(path, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TDocument?> ReadDocumentAsync<TDocument>(string path, CancellationToken cancellationToken)
        where TDocument : class, IStoredDocument
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        TDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<TDocument>(bytes, ActorJson.Options);
        }
        catch (JsonException ex)
        {
            throw new GrainStateCorruptedException(path, "not valid JSON for its type: " + ex.Message, ex);
        }

        if (document is null || !StateVersions.TryParse(document.ETag, out _))
            throw new GrainStateCorruptedException(path, "missing or invalid etag");
        return document;
    }

    /// <summary>
    /// <see cref="LockAsync"/>, creating the grain's directory when the lock file cannot be created for want of it:
    /// one mkdir on a grain's first write instead of one on every write (a syscall on the hot path of every run).
    /// </summary>
    private async Task<LockHandle> LockCreatingDirectoryAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await LockAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex is DirectoryNotFoundException or FileNotFoundException)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return await LockAsync(path, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<LockHandle> LockAsync(string path, CancellationToken cancellationToken)
    {
        var inProcess = await _locks.AcquireAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            var osLock = await FileLock.AcquireAsync(path + LockExtension, cancellationToken).ConfigureAwait(false);
            return new LockHandle(inProcess, osLock);
        }
        catch
        {
            inProcess.Dispose();
            throw;
        }
    }

    private void RemoveStrayTempFiles(string path)
    {
        foreach (var stray in AtomicFile.RemoveStrayTempFiles(path))
            LogStrayTempFileRemoved(stray);
    }

    private static void SetMissing<TState>(IGrainState<TState> grainState)
    {
        grainState.State = Activator.CreateInstance<TState>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private readonly struct LockHandle(KeyedAsyncLock.Releaser inProcess, FileStream osLock) : IDisposable
    {
        public void Dispose()
        {
            osLock.Dispose();
            inProcess.Dispose();
        }
    }

    [LoggerMessage(2450, LogLevel.Warning, "Removed temp file {Path} left by an interrupted state write")]
    private partial void LogStrayTempFileRemoved(string path);
}
