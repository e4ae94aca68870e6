using System.Diagnostics;

namespace OpenClaw.Bench.Measuring;

/// <summary>CPU time used by the gateway and by the bench itself over a phase, as a share of one core.
/// On a small machine both compete for the same cores, so this says who the bottleneck was.</summary>
internal sealed class CpuMeter(Func<TimeSpan> gatewayCpu)
{
    public CpuSample Start() => new(gatewayCpu, gatewayCpu(), BenchCpu(), Stopwatch.GetTimestamp());

    private static TimeSpan BenchCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    internal sealed class CpuSample(Func<TimeSpan> gatewayCpu, TimeSpan gatewayStart, TimeSpan benchStart, long startedAt)
    {
        /// <summary>Percent of one core used since the sample started, by the gateway and by the bench.</summary>
        public (double Gateway, double Bench) Stop()
        {
            var wall = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
            return ((gatewayCpu() - gatewayStart).TotalSeconds / wall * 100, (BenchCpu() - benchStart).TotalSeconds / wall * 100);
        }
    }
}
