namespace OpenClaw.Actors.Diagnostics;

/// <summary>
/// A silo's beat: its name, when it was taken, the shards it owns (null when the silo hosts every grain, as in
/// embedded mode) and its grain types. Cluster silos publish one every few seconds; front nodes merge them.
/// </summary>
public sealed record SiloStatusReport(
    string Name,
    DateTimeOffset SentAt,
    IReadOnlyList<int>? OwnedShards,
    IReadOnlyList<GrainTypeSample> GrainTypes);
