namespace OpenClaw.Actors.Diagnostics;

/// <summary>
/// Folds the grain type samples of several silos into one row per grain type: counts add up, rates are the sum of
/// each silo's own window rate, and percentiles come from the merged histograms.
/// </summary>
public static class GrainTypeAggregation
{
    public static IReadOnlyList<GrainTypeStatus> Merge(IEnumerable<SiloStatusReport> silos)
    {
        var rows = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
        foreach (var silo in silos)
        {
            foreach (var sample in silo.GrainTypes)
            {
                if (!rows.TryGetValue(sample.GrainType, out var row)) rows[sample.GrainType] = row = new Accumulator();
                row.Add(sample);
            }
        }

        return [.. rows.Select(pair => pair.Value.ToStatus(pair.Key))];
    }

    private sealed class Accumulator
    {
        private readonly long[] _buckets = new long[LatencyBuckets.Count];
        private int _activations;
        private long _calls;
        private long _errors;
        private double _callsPerSecond;
        private double _errorsPerSecond;
        private double _windowSeconds;

        public void Add(GrainTypeSample sample)
        {
            _activations += sample.Activations;
            _calls += sample.Calls;
            _errors += sample.Errors;
            if (sample.WindowSeconds > 0)
            {
                _callsPerSecond += sample.WindowCalls / sample.WindowSeconds;
                _errorsPerSecond += sample.WindowErrors / sample.WindowSeconds;
            }

            _windowSeconds = Math.Max(_windowSeconds, sample.WindowSeconds);
            for (var i = 0; i < sample.WindowLatencyBuckets.Count && i < _buckets.Length; i++) _buckets[i] += sample.WindowLatencyBuckets[i];
        }

        public GrainTypeStatus ToStatus(string grainType) => new(
            grainType,
            _activations,
            _calls,
            _errors,
            Math.Round(_callsPerSecond, 3),
            Math.Round(_errorsPerSecond, 3),
            Round(LatencyBuckets.Percentile(_buckets, 0.50)),
            Round(LatencyBuckets.Percentile(_buckets, 0.99)),
            Math.Round(_windowSeconds, 3));

        private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
    }
}
