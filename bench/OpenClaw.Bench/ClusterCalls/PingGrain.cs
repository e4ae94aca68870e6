using OpenClaw.Actors;

namespace OpenClaw.Bench.ClusterCalls;

/// <summary>The smallest useful grain call: one int in, one int out, no state. Measures the call path, not the grain.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task<int> PingAsync(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
