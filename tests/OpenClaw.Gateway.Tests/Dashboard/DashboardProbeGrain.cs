using OpenClaw.Actors;

namespace OpenClaw.Gateway.Tests.Dashboard;

/// <summary>A minimal grain the cluster dashboard test calls through the broker.</summary>
[GrainType("dashboardprobe")]
public interface IDashboardProbeGrain : IGrainWithStringKey
{
    Task<int> PingAsync();
}

public sealed class DashboardProbeGrain : Grain, IDashboardProbeGrain
{
    private int _pings;

    public Task<int> PingAsync() => Task.FromResult(++_pings);
}
