using System.Text;
using System.Text.RegularExpressions;

namespace OpenClaw.Bench.Cluster;

/// <summary>
/// Which silo hosts a session: its grain's shard (FNV-1a 64 over UTF-8 of <c>chatsession/&lt;key&gt;</c> modulo the
/// shard count, the placement contract of OpenClaw.Actors.Core's ShardMap, restated here because the bench references
/// no runtime assembly) and the silos' ownership log lines (EventIds 2740 gained / 2741 lost).
/// </summary>
internal static partial class ShardOwners
{
    public static int ShardOfSession(string sessionKey, int shardCount)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes($"chatsession/{sessionKey}"))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return (int)(hash % (ulong)shardCount);
    }

    /// <summary>The one live silo whose log's last word about <paramref name="shard"/> is "gained"; null when unclear.</summary>
    public static ClusterNode? Owner(ClusterProcesses cluster, int shard)
    {
        var owners = cluster.Silos.Where(s => ClusterProcesses.IsAlive(s.Pid)).Where(s =>
            OwnershipLine().Matches(cluster.Log(s.Name)).LastOrDefault(m => m.Groups["shard"].Value == $"{shard}")?.Groups["event"].Value == "2740").ToList();
        return owners.Count == 1 ? owners[0] : null;
    }

    [GeneratedRegex(@"\[(?<event>274[01])\] Shard (?<shard>\d+):")]
    private static partial Regex OwnershipLine();
}
