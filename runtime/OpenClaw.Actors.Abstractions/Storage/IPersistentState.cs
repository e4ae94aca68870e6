namespace OpenClaw.Actors;

/// <summary>
/// A grain's durable state, injected into the grain constructor with <see cref="PersistentStateAttribute"/>. It is
/// read before <see cref="Grain.OnActivateAsync"/>. Writes are conditional on <see cref="Etag"/>: a write over newer
/// state throws <see cref="InconsistentStateException"/> and the activation is deactivated so it reloads.
/// </summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }
    string? Etag { get; }
    bool RecordExists { get; }
    Task ReadStateAsync(CancellationToken cancellationToken = default);
    Task WriteStateAsync(CancellationToken cancellationToken = default);
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;
    /// <summary>The named <see cref="IGrainStorage"/>; null for the default one.</summary>
    public string? StorageName { get; } = storageName;
}

/// <summary>The state a storage provider reads and writes, with its concurrency token.</summary>
public interface IGrainState<TState>
{
    TState State { get; set; }
    string? ETag { get; set; }
    bool RecordExists { get; set; }
}

/// <summary>
/// The storage seam (Orleans' <c>IGrainStorage</c>). Implementations: files in the state dir (embedded) and Azure
/// Blob Storage (cluster). Every write and clear is conditional on <see cref="IGrainState{TState}.ETag"/>
/// (null = the record must not exist yet) and throws <see cref="InconsistentStateException"/> on a mismatch.
/// </summary>
public interface IGrainStorage
{
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);
    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);
    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);
}
