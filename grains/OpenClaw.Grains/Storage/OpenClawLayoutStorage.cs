using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using OpenClaw.Actors;
using OpenClaw.Actors.Serialization;

namespace OpenClaw.Grains.Storage;

/// <summary>
/// Grain storage that keeps state as the plain JSON files of OpenClaw's layout (no envelope), so the files stay
/// readable by OpenClaw. The ETag is the SHA-256 of the file's bytes: a conditional write compares it with the file
/// on disk, so an edit by another writer is detected rather than overwritten. Writes are atomic (temp file, flush to
/// disk, rename): a kill -9 leaves the old or the new file, never a torn one.
/// </summary>
public sealed class OpenClawLayoutStorage(IEnumerable<ILayoutPathMapping> mappings) : IGrainStorage
{
    private readonly Dictionary<GrainType, ILayoutPathMapping> _mappings = mappings.ToDictionary(m => m.GrainType);
    // One gate per file: two activations of one grain in this process must conflict, not interleave their writes.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        var path = PathFor(grainId, stateName);
        var bytes = await TryReadAsync(path, cancellationToken);
        if (bytes is null)
        {
            grainState.State = Activator.CreateInstance<TState>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        try
        {
            grainState.State = JsonSerializer.Deserialize<TState>(bytes, ActorJson.Options) ?? Activator.CreateInstance<TState>();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"State file '{path}' is not valid JSON for {typeof(TState).Name}: {ex.Message}", ex);
        }
        grainState.ETag = ETagOf(bytes);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        var path = PathFor(grainId, stateName);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(grainState.State, ActorJson.Options);
        var gate = _gates.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureETagMatchesAsync(path, grainState.ETag, cancellationToken);
            await AtomicFile.WriteAsync(path, bytes, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
        grainState.ETag = ETagOf(bytes);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        var path = PathFor(grainId, stateName);
        var gate = _gates.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureETagMatchesAsync(path, grainState.ETag, cancellationToken);
            File.Delete(path);
        }
        finally
        {
            gate.Release();
        }
        grainState.State = Activator.CreateInstance<TState>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private string PathFor(GrainId grainId, string stateName) =>
        _mappings.TryGetValue(grainId.Type, out var mapping)
            ? mapping.PathFor(grainId, stateName)
            : throw new InvalidOperationException($"Grain type '{grainId.Type}' has no OpenClaw layout path; register an {nameof(ILayoutPathMapping)}.");

    private static async Task EnsureETagMatchesAsync(string path, string? expected, CancellationToken cancellationToken)
    {
        var current = await TryReadAsync(path, cancellationToken) is { } bytes ? ETagOf(bytes) : null;
        if (!string.Equals(current, expected, StringComparison.Ordinal))
            throw new InconsistentStateException($"'{path}' changed since it was read (expected etag {expected ?? "<none>"}, found {current ?? "<none>"}).", expected, current);
    }

    private static async Task<byte[]?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static string ETagOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
