using Microsoft.Extensions.Options;
using OpenClaw.Actors.Diagnostics;
using OpenClaw.Actors.RabbitMq.Status;
using OpenClaw.Actors.Testing;

namespace OpenClaw.Gateway.Tests.Dashboard;

/// <summary>The front's view of the cluster's beats: liveness after missed beats, forgetting, and its node bound.</summary>
public sealed class ClusterStatusViewTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly ClusterStatusOptions _options = new() { BeatInterval = TimeSpan.FromSeconds(2), MissedBeatsBeforeDead = 3, ForgetAfter = TimeSpan.FromSeconds(30), MaxNodes = 2 };

    [Fact]
    public void Snapshot_NodeMissesThreeBeats_IsNotAliveThenForgotten()
    {
        var view = new ClusterStatusView(Options.Create(_options), _time);
        view.Apply(new SiloStatusReport("silo-a", _time.GetUtcNow(), [1, 2], []));
        view.Apply(new FrontStatusReport("front-a", _time.GetUtcNow(), 3, null));

        Assert.True(Assert.Single(view.Snapshot().Silos).Alive);
        _time.Advance(TimeSpan.FromSeconds(5.9));
        Assert.True(Assert.Single(view.Snapshot().Fronts).Alive);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        var dead = view.Snapshot();
        Assert.False(Assert.Single(dead.Silos).Alive);
        Assert.False(Assert.Single(dead.Fronts).Alive);

        _time.Advance(TimeSpan.FromSeconds(24));
        var forgotten = view.Snapshot();
        Assert.Empty(forgotten.Silos);
        Assert.Empty(forgotten.Fronts);
    }

    [Fact]
    public void Apply_NewBeatOfAKnownNode_ReplacesTheOldOne()
    {
        var view = new ClusterStatusView(Options.Create(_options), _time);
        view.Apply(new SiloStatusReport("silo-a", _time.GetUtcNow(), [1], []));
        _time.Advance(TimeSpan.FromSeconds(10));
        view.Apply(new SiloStatusReport("silo-a", _time.GetUtcNow(), [1, 2, 3], []));

        var silo = Assert.Single(view.Snapshot().Silos);
        Assert.True(silo.Alive);
        Assert.Equal([1, 2, 3], silo.Report.OwnedShards!);
    }

    [Fact]
    public void Apply_MoreNodesThanTheBound_IgnoresNewOnesUntilOldOnesAreForgotten()
    {
        var view = new ClusterStatusView(Options.Create(_options), _time);
        Assert.True(view.Apply(new FrontStatusReport("a", _time.GetUtcNow(), 0, 0)));
        Assert.True(view.Apply(new FrontStatusReport("b", _time.GetUtcNow(), 0, 0)));

        Assert.False(view.Apply(new FrontStatusReport("c", _time.GetUtcNow(), 0, 0)));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(view.Apply(new FrontStatusReport("c", _time.GetUtcNow(), 0, 0)));
        Assert.Equal(["c"], view.Snapshot().Fronts.Select(f => f.Report.Name));
    }
}
