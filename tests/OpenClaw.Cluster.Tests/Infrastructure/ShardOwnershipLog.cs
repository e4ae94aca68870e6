using System.Text.RegularExpressions;

namespace OpenClaw.Cluster.Tests.Infrastructure;

/// <summary>
/// Which silo owns a shard, read from the silos' own log lines: EventId 2740 ("Shard N: this silo is now its active
/// consumer") and 2741 ("… no longer its consumer"). A silo's last line about the shard says whether it holds it; the
/// owner is the one live silo whose last word is "gained". Ambiguity (two claim it, e.g. one has not noticed its loss
/// yet) answers null, and callers poll until it resolves.
/// </summary>
internal static partial class ShardOwnershipLog
{
    public static SiloNode? Owner(int shard, IEnumerable<SiloNode> liveSilos, Func<SiloNode, string> log)
    {
        var owners = liveSilos.Where(silo => LastWordIsGained(log(silo), shard)).ToList();
        return owners.Count == 1 ? owners[0] : null;
    }

    public static bool LastWordIsGained(string log, int shard)
    {
        var last = OwnershipLine().Matches(log).LastOrDefault(m => m.Groups["shard"].Value == shard.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return last?.Groups["event"].Value == "2740";
    }

    /// <summary>Shards this silo's log says it holds now.</summary>
    public static IReadOnlySet<int> OwnedShards(string log) =>
        OwnershipLine().Matches(log)
            .GroupBy(m => int.Parse(m.Groups["shard"].Value))
            .Where(g => g.Last().Groups["event"].Value == "2740")
            .Select(g => g.Key)
            .ToHashSet();

    [GeneratedRegex(@"\[(?<event>274[01])\] Shard (?<shard>\d+):")]
    private static partial Regex OwnershipLine();
}
