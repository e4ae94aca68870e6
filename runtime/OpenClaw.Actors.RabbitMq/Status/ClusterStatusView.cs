using Microsoft.Extensions.Options;
using OpenClaw.Actors.Diagnostics;

namespace OpenClaw.Actors.RabbitMq.Status;

/// <summary>
/// The beats this node has received, by node name: the newest silo and front reports, with when they arrived (this
/// node's clock, so other nodes' clock skew does not matter). A node is alive while its last beat is younger than
/// <see cref="ClusterStatusOptions.DeadAfter"/>, and forgotten after <see cref="ClusterStatusOptions.ForgetAfter"/>.
/// Bounded by <see cref="ClusterStatusOptions.MaxNodes"/> per kind: beats of new nodes beyond it are ignored until
/// older nodes are forgotten.
/// </summary>
public sealed class ClusterStatusView(IOptions<ClusterStatusOptions> options, TimeProvider time)
{
    private readonly ClusterStatusOptions _options = options.Value;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Received<SiloStatusReport>> _silos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Received<FrontStatusReport>> _fronts = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="report"/> as the silo's newest beat; false when ignored (view full).</summary>
    public bool Apply(SiloStatusReport report) => Apply(_silos, report.Name, report);

    /// <summary>Keeps <paramref name="report"/> as the front's newest beat; false when ignored (view full).</summary>
    public bool Apply(FrontStatusReport report) => Apply(_fronts, report.Name, report);

    /// <summary>Every node not yet forgotten, with its liveness now, ordered by name.</summary>
    public ClusterStatusSnapshot Snapshot()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            Forget(_silos, now);
            Forget(_fronts, now);
            return new ClusterStatusSnapshot(
                now,
                [.. _silos.Values.OrderBy(r => r.Report.Name, StringComparer.Ordinal).Select(r => new SiloBeat(r.Report, IsAlive(r, now), r.At))],
                [.. _fronts.Values.OrderBy(r => r.Report.Name, StringComparer.Ordinal).Select(r => new FrontBeat(r.Report, IsAlive(r, now), r.At))]);
        }
    }

    private bool Apply<T>(Dictionary<string, Received<T>> nodes, string name, T report)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!nodes.ContainsKey(name))
            {
                Forget(nodes, now);
                if (nodes.Count >= _options.MaxNodes) return false;
            }

            nodes[name] = new Received<T>(report, now);
            return true;
        }
    }

    private bool IsAlive<T>(Received<T> received, DateTimeOffset now) => now - received.At < _options.DeadAfter;

    private void Forget<T>(Dictionary<string, Received<T>> nodes, DateTimeOffset now)
    {
        foreach (var (name, received) in nodes)
        {
            if (now - received.At >= _options.ForgetAfter) nodes.Remove(name);
        }
    }

    private readonly record struct Received<T>(T Report, DateTimeOffset At);
}

/// <summary>The view at one instant.</summary>
public sealed record ClusterStatusSnapshot(DateTimeOffset At, IReadOnlyList<SiloBeat> Silos, IReadOnlyList<FrontBeat> Fronts);

/// <summary>A silo's newest beat, whether the silo counts as alive, and when the beat arrived.</summary>
public sealed record SiloBeat(SiloStatusReport Report, bool Alive, DateTimeOffset ReceivedAt);

/// <summary>A front's newest beat, whether the front counts as alive, and when the beat arrived.</summary>
public sealed record FrontBeat(FrontStatusReport Report, bool Alive, DateTimeOffset ReceivedAt);
