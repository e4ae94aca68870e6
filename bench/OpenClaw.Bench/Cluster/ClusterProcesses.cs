using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OpenClaw.Bench.Cluster;

internal sealed record ClusterNode(string Kind, string Name, int Pid, Uri? Url);

/// <summary>
/// A local cluster started with <c>scripts/local-cluster.sh up</c> in a temp run dir with its own cluster id and
/// token; disposal runs <c>down</c> (which stops exactly the recorded PIDs).
/// </summary>
internal sealed partial class ClusterProcesses : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);
    private readonly string _root = Directory.CreateTempSubdirectory("openclaw-bench-cluster-").FullName;
    private readonly Dictionary<string, string> _environment;
    private readonly List<ClusterNode> _nodes = [];

    private ClusterProcesses(string repositoryRoot, string configJson, int shardCount)
    {
        RepositoryRoot = repositoryRoot;
        ShardCount = shardCount;
        Token = $"bench-{Guid.NewGuid():N}";
        var configPath = Path.Combine(_root, "openclaw.json");
        File.WriteAllText(configPath, configJson);
        _environment = new Dictionary<string, string>
        {
            ["OPENCLAW_CLUSTER_RUN_DIR"] = Path.Combine(_root, "run"),
            ["OPENCLAW_CONFIG_PATH"] = configPath,
            ["OPENCLAW_GATEWAY_TOKEN"] = Token,
            ["OPENCLAW_SHARD_COUNT"] = shardCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OPENCLAW_CLUSTER_ID"] = $"bench{Guid.NewGuid():N}"[..13],
        };
    }

    public string RepositoryRoot { get; }
    public int ShardCount { get; }
    public string Token { get; }
    public IReadOnlyList<ClusterNode> Silos => _nodes.Where(n => n.Kind == "silo").ToList();
    public IReadOnlyList<ClusterNode> Fronts => _nodes.Where(n => n.Kind == "front").ToList();

    public static async Task<ClusterProcesses> StartAsync(string repositoryRoot, string configJson, int silos, int fronts, int shardCount)
    {
        var cluster = new ClusterProcesses(repositoryRoot, configJson, shardCount);
        try
        {
            // --no-build: the bench measures the Release builds that exist (as the foundation phases run silo/bin/Release).
            cluster._nodes.AddRange(Parse(await cluster.RunAsync("up", "--silos", $"{silos}", "--fronts", $"{fronts}", "--no-build")));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<ClusterNode> AddSiloAsync()
    {
        var silo = Parse(await RunAsync("add-silo")).Single();
        _nodes.Add(silo);
        return silo;
    }

    public string Log(string name)
    {
        var path = Path.Combine(_root, "run", $"{name}.log");
        if (!File.Exists(path)) return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>kill -9, then forget the node (its PID is no longer ours to stop).</summary>
    public void Kill(ClusterNode node)
    {
        using (var process = Process.GetProcessById(node.Pid)) process.Kill();
        _nodes.Remove(node);
    }

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("down");
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"bench: local-cluster.sh down failed: {ex.Message}");
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A node still flushing its log; the temp dir is left to the OS.
        }
    }

    private async Task<IReadOnlyList<string>> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "local-cluster.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in _environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        using var deadline = new CancellationTokenSource(ScriptTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"local-cluster.sh {arguments[0]} did not finish within {ScriptTimeout}.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"local-cluster.sh {arguments[0]} exited with {process.ExitCode}: {(await stderr).Trim()}");
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static IEnumerable<ClusterNode> Parse(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            if (SiloLine().Match(line) is { Success: true } silo)
                yield return new ClusterNode("silo", silo.Groups[1].Value, int.Parse(silo.Groups[2].Value), null);
            else if (FrontLine().Match(line) is { Success: true } front)
                yield return new ClusterNode("front", front.Groups[1].Value, int.Parse(front.Groups[2].Value), new Uri(front.Groups[3].Value));
        }
    }

    [GeneratedRegex(@"^silo (\S+) pid (\d+)$")]
    private static partial Regex SiloLine();

    [GeneratedRegex(@"^front (\S+) pid (\d+) url (\S+)$")]
    private static partial Regex FrontLine();
}
