using System.Text.Json;
using OpenClaw.Actors.Serialization;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// Grain state in process memory, with the same contract as <see cref="FileGrainStorage"/>: conditional writes and
/// clears on version ETags, tombstones after a clear so versions never repeat. State is kept as JSON and
/// deserialized on every read, so no caller can alias (and mutate) the stored copy. Lost when the process ends;
/// meant for tests and throwaway runs. Holds one entry per state ever written (the tombstone keeps the version).
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId GrainId, string StateName), Record> _records = [];

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Record? record;
        lock (_lock) _records.TryGetValue((grainId, stateName), out record);

        if (record?.Json is null)
        {
            grainState.State = Activator.CreateInstance<TState>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        else
        {
            grainState.State = JsonSerializer.Deserialize<TState>(record.Json, ActorJson.Options)
                ?? throw new GrainStateCorruptedException($"memory:{grainId}/{stateName}", "the stored state is null");
            grainState.ETag = StateVersions.Format(record.Version);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonSerializer.SerializeToUtf8Bytes(grainState.State, ActorJson.Options);
        long version;
        lock (_lock)
        {
            version = CheckVersion(grainId, stateName, grainState.ETag) + 1;
            _records[(grainId, stateName)] = new Record(version, json);
        }

        grainState.ETag = StateVersions.Format(version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var version = CheckVersion(grainId, stateName, grainState.ETag);
            if (grainState.ETag is not null)
                _records[(grainId, stateName)] = new Record(version + 1, Json: null);
        }

        grainState.State = Activator.CreateInstance<TState>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private long CheckVersion(GrainId grainId, string stateName, string? expectedEtag)
    {
        _records.TryGetValue((grainId, stateName), out var record);
        var storedEtag = record?.Json is null ? null : StateVersions.Format(record.Version);
        if (!string.Equals(storedEtag, expectedEtag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} was changed by someone else: stored ETag '{storedEtag ?? "(none)"}', " +
                $"the writer expected '{expectedEtag ?? "(none)"}'.", storedEtag, expectedEtag);
        }

        return record?.Version ?? 0;
    }

    /// <summary>One stored state; <see cref="Json"/> null is a tombstone.</summary>
    private sealed record Record(long Version, byte[]? Json);
}
