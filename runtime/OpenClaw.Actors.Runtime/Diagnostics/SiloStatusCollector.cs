using Microsoft.Extensions.Options;
using OpenClaw.Actors.Diagnostics;
using OpenClaw.Actors.Runtime.Catalog;
using OpenClaw.Actors.Runtime.Hosting;

namespace OpenClaw.Actors.Runtime.Diagnostics;

/// <summary>
/// Takes this silo's beat: activations per grain type from the catalog, call metrics from
/// <see cref="GrainCatalog.Metrics"/>, and the shards the caller says the silo owns.
/// </summary>
public sealed class SiloStatusCollector(GrainCatalog catalog, IOptions<EmbeddedSiloOptions> silo, TimeProvider time)
{
    public string SiloName => silo.Value.SiloName;

    /// <param name="ownedShards">The shards this silo owns; null when it hosts every grain (embedded mode).</param>
    public SiloStatusReport Collect(IReadOnlyList<int>? ownedShards)
    {
        var activations = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var grainId in catalog.ActiveGrains)
            activations[grainId.Type.Value] = activations.GetValueOrDefault(grainId.Type.Value) + 1;

        var samples = new List<GrainTypeSample>();
        foreach (var sample in catalog.Metrics.Snapshot())
        {
            samples.Add(sample with { Activations = activations.GetValueOrDefault(sample.GrainType) });
            activations.Remove(sample.GrainType);
        }

        // Activated but never called through the catalog (cannot happen today; kept so no activation goes unseen).
        foreach (var (grainType, count) in activations)
            samples.Add(new GrainTypeSample(grainType, count, 0, 0, 0, 0, 0, []));

        samples.Sort(static (a, b) => string.CompareOrdinal(a.GrainType, b.GrainType));
        return new SiloStatusReport(SiloName, time.GetUtcNow(), ownedShards, samples);
    }
}
