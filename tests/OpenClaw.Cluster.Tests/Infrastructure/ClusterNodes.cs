using System.Text.RegularExpressions;

namespace OpenClaw.Cluster.Tests.Infrastructure;

public sealed record SiloNode(string Name, int Pid);

public sealed record FrontNode(string Name, int Pid, Uri Url)
{
    /// <summary>The same node over HTTP (probes, dashboard).</summary>
    public Uri HttpUrl => new UriBuilder(Url) { Scheme = "http" }.Uri;
}

/// <summary>What <c>local-cluster.sh up</c> printed: one line per process and one dashboard line, nothing else.</summary>
public sealed partial record ClusterNodes(IReadOnlyList<SiloNode> Silos, IReadOnlyList<FrontNode> Fronts, Uri? Dashboard)
{
    public static ClusterNodes Parse(IEnumerable<string> lines)
    {
        var silos = new List<SiloNode>();
        var fronts = new List<FrontNode>();
        Uri? dashboard = null;
        foreach (var line in lines)
        {
            if (SiloLine().Match(line) is { Success: true } silo)
                silos.Add(new SiloNode(silo.Groups[1].Value, int.Parse(silo.Groups[2].Value)));
            else if (FrontLine().Match(line) is { Success: true } front)
                fronts.Add(new FrontNode(front.Groups[1].Value, int.Parse(front.Groups[2].Value), new Uri(front.Groups[3].Value)));
            else if (DashboardLine().Match(line) is { Success: true } url && dashboard is null)
                dashboard = new Uri(url.Groups[1].Value);
            else
                throw new FormatException($"local-cluster.sh printed an unexpected line: '{line}'");
        }
        return new ClusterNodes(silos, fronts, dashboard);
    }

    [GeneratedRegex(@"^silo (\S+) pid (\d+)$")]
    private static partial Regex SiloLine();

    [GeneratedRegex(@"^front (\S+) pid (\d+) url (ws://127\.0\.0\.1:\d+)$")]
    private static partial Regex FrontLine();

    [GeneratedRegex(@"^dashboard (http://127\.0\.0\.1:\d+/\S*)$")]
    private static partial Regex DashboardLine();
}
