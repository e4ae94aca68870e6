using System.Text.Json.Serialization;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// The document stored per grain state: <c>{"etag":"3","state":{…}}</c>. A cleared record keeps its version as a
/// tombstone, <c>{"etag":"4","cleared":true}</c>, so versions never repeat: a stale writer holding an old ETag cannot
/// match a record that was cleared and created again (no ABA).
/// </summary>
internal sealed record StoredGrainState<TState> : IStoredDocument
{
    [JsonPropertyName("etag")]
    public string? ETag { get; init; }

    [JsonPropertyName("cleared")]
    public bool? Cleared { get; init; }

    [JsonPropertyName("state")]
    public TState? State { get; init; }
}

/// <summary>The version fields of a stored document, read without materializing the state.</summary>
internal sealed record StoredGrainHeader : IStoredDocument
{
    [JsonPropertyName("etag")]
    public string? ETag { get; init; }

    [JsonPropertyName("cleared")]
    public bool? Cleared { get; init; }
}

/// <summary>What every stored document has: its version and whether it is a tombstone.</summary>
internal interface IStoredDocument
{
    string? ETag { get; }
    bool? Cleared { get; }
}
