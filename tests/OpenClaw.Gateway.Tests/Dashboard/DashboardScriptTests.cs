using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Actors.Diagnostics;
using OpenClaw.Gateway.Dashboard;

namespace OpenClaw.Gateway.Tests.Dashboard;

/// <summary>
/// The page's script, run by Node against a minimal stand-in DOM: it renders every table from the JSON, puts hostile
/// names in as text (never markup), and goes back to the login form on 401.
/// </summary>
public sealed class DashboardScriptTests : IDisposable
{
    private const string Hostile = "<img src=x onerror=alert(1)>";
    private readonly string _directory = Directory.CreateTempSubdirectory("dashboard-script-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Script_RendersTablesAsTextOnly()
    {
        var now = DateTimeOffset.UtcNow;
        var report = new ClusterStatusReport("cluster", now, "front-a",
            [new SiloStatus(Hostile, true, now, 2, 3, new Dictionary<string, int> { ["chatsession"] = 3 })],
            new ShardStatusSummary(2, true, "note", [new ShardStatus(0, Hostile, 7, 2), new ShardStatus(1, null, 0, 2)]),
            [new GrainTypeStatus(Hostile, 3, 40, 1, 4.5, 0.1, 1.25, 9.5, 10)],
            [new FrontStatus("front-a", true, now, 4, null)]);

        var output = await RunAsync(200, JsonSerializer.Serialize(report, DiagnosticsJson.Default.ClusterStatusReport));

        Assert.Equal(["td", "tr"], output["createdTags"]!.AsArray().Select(t => t!.GetValue<string>()).Distinct().Order());
        Assert.Equal([Hostile, "yes", "2", "3", "chatsession: 3", "0.0 s ago"], Cells(output, "#silos tbody", 0));
        Assert.Equal([Hostile, "3", "4.50", "1.250", "9.500", "0.10", "40", "1"], Cells(output, "#grain-types tbody", 0));
        Assert.Equal(["front-a", "yes", "4", "—", "0.0 s ago"], Cells(output, "#fronts tbody", 0));
        Assert.Equal(["0", Hostile, "7", "2"], Cells(output, "#shards tbody", 0));
        Assert.Equal(["1", "—", "0", "2"], Cells(output, "#shards tbody", 1));
        Assert.Equal("cluster", (string?)output["text"]!["mode"]);
        Assert.Null(output["assigned"]);
    }

    [Fact]
    public async Task Script_On401_GoesBackToTheLoginForm()
    {
        var output = await RunAsync(401, "{}");

        Assert.Equal("/dashboard", (string?)output["assigned"]);
    }

    private static string[] Cells(JsonNode output, string table, int row) =>
        [.. output["tables"]![table]![row]!.AsArray().Select(c => c!.GetValue<string>())];

    private async Task<JsonNode> RunAsync(int status, string body)
    {
        var script = Path.Combine(_directory, "dashboard.js");
        var harness = Path.Combine(_directory, "harness.cjs");
        await File.WriteAllTextAsync(script, DashboardAssets.Script);
        await File.WriteAllTextAsync(harness, Harness);
        var start = new ProcessStartInfo("node", [harness, script, status.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        await process.StandardInput.WriteAsync(body);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(process.ExitCode == 0, $"node failed: {await stderr}");
        return JsonNode.Parse(await stdout)!;
    }

    /// <summary>Just enough DOM for the script: elements with textContent, className and children; fetch answers once.</summary>
    private const string Harness = """
        const fs = require("fs");
        const vm = require("vm");
        const [scriptPath, status] = process.argv.slice(2);
        const body = fs.readFileSync(0, "utf8");
        const created = [];
        class Element {
          constructor(tag) { this.tag = tag; this.children = []; this.textContent = ""; this.className = ""; }
          appendChild(child) { this.children.push(child); return child; }
          replaceChildren(...children) { this.children = children; }
        }
        const byId = {};
        const bySelector = {};
        const result = { assigned: null };
        const sandbox = {
          document: {
            getElementById: id => (byId[id] ??= new Element("span")),
            querySelector: selector => (bySelector[selector] ??= new Element("tbody")),
            createElement: tag => { created.push(tag); return new Element(tag); },
          },
          window: { location: { assign: url => { result.assigned = url; } } },
          fetch: async () => ({ status: Number(status), ok: Number(status) < 300, json: async () => JSON.parse(body) }),
          setTimeout: () => {},
          Date, Math, JSON, Object, String, isFinite, Number,
        };
        sandbox.window.document = sandbox.document;
        vm.createContext(sandbox);
        vm.runInContext(fs.readFileSync(scriptPath, "utf8"), sandbox);
        setImmediate(() => setImmediate(() => {
          const tables = {};
          for (const [selector, body] of Object.entries(bySelector))
            tables[selector] = body.children.map(tr => tr.children.map(td => td.textContent));
          const text = {};
          for (const [id, element] of Object.entries(byId)) text[id] = element.textContent;
          process.stdout.write(JSON.stringify({ createdTags: created, tables, text, assigned: result.assigned }));
        }));
        """;
}
