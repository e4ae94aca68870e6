using System.Net;
using System.Text.Json.Nodes;
using OpenClaw.Cluster.Tests.Infrastructure;

namespace OpenClaw.Cluster.Tests;

/// <summary>
/// The contract of scripts/local-cluster.sh that the README documents and the other cluster tests build on: `up`
/// returns only once every node is ready, prints exactly one line per process plus the dashboard line, and `down`
/// stops exactly those processes, leaving the shared servers it did not start alone.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LocalClusterScriptTests
{
    [Fact]
    public async Task LocalClusterScript_UpThenDown_PrintsOneLinePerProcessAndStopsExactlyThose()
    {
        await using var stub = await StubModel.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(new ClusterSpec { Silos = 2, Fronts = 2, ConfigJson = stub.ConfigJson() });

        var lines = cluster.UpResult!.OutputLines;
        Assert.Equal(5, lines.Count);
        Assert.Equal(["silo-1", "silo-2"], cluster.Silos.Select(s => s.Name));
        Assert.Equal(["front-1", "front-2"], cluster.Fronts.Select(f => f.Name));
        Assert.Equal(new Uri(cluster.Fronts[0].HttpUrl, "/dashboard"), cluster.Dashboard);
        var pids = cluster.Silos.Select(s => s.Pid).Concat(cluster.Fronts.Select(f => f.Pid)).ToList();
        Assert.Equal(4, pids.Distinct().Count());
        Assert.All(pids, pid => Assert.True(LocalCluster.IsAlive(pid), $"pid {pid} is not running"));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var front in cluster.Fronts)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(front.HttpUrl, "/readyz"))).StatusCode);
            await using var client = await cluster.ConnectAsync(front);
            var health = await client.CallOkAsync("health", new JsonObject());
            Assert.True((bool?)health["ok"], health.ToJsonString());
        }

        // The printed dashboard's JSON answers the token, and its document (cluster.status too) sees every node.
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cluster.Dashboard!, "/dashboard/api/status")))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", cluster.Token);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }
        await using (var admin = await cluster.ConnectAsync(cluster.Fronts[^1]))
        {
            var report = await Poll.UntilAsync(async () =>
            {
                var candidate = await admin.CallOkAsync("cluster.status", new JsonObject());
                return AliveNames(candidate, "silos").Count == 2 && AliveNames(candidate, "fronts").Count == 2 ? candidate : null;
            }, TimeSpan.FromSeconds(20), "cluster.status to list both silos and both fronts alive");
            Assert.Equal("cluster", (string?)report["mode"]);
            Assert.Equal(["silo-1", "silo-2"], AliveNames(report, "silos"));
            Assert.Equal(["front-1", "front-2"], AliveNames(report, "fronts"));
        }

        var status = await cluster.RunScriptAsync("status");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(lines, status.OutputLines);

        var down = await cluster.RunScriptAsync("down");
        Assert.True(down.ExitCode == 0, down.Describe());
        Assert.Empty(down.OutputLines);
        await Poll.UntilAsync(() => pids.All(pid => !LocalCluster.IsAlive(pid)), TimeSpan.FromSeconds(10), "every node to exit");
        // The servers were running before `up` (this collection's fixture or CI started them): `down` left them alone.
        Assert.Equal(0, (await ScriptRun.RunAsync(RepositoryPaths.ServerScript("rabbitmq"), ["status"], new Dictionary<string, string>(), TimeSpan.FromSeconds(60))).ExitCode);
        Assert.Equal(0, (await ScriptRun.RunAsync(RepositoryPaths.ServerScript("azurite"), ["status"], new Dictionary<string, string>(), TimeSpan.FromSeconds(60))).ExitCode);
        Assert.Equal(3, (await cluster.RunScriptAsync("status")).ExitCode);
    }

    private static List<string> AliveNames(JsonObject report, string list) =>
        [.. (report[list] as JsonArray ?? []).OfType<JsonObject>().Where(n => (bool?)n["alive"] == true).Select(n => (string)n["name"]!).Order(StringComparer.Ordinal)];
}
