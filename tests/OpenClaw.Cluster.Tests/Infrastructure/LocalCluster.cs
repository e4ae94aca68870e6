using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenClaw.Actors;
using OpenClaw.Actors.Placement;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Cluster.Tests.Infrastructure;

/// <summary>
/// A cluster of real processes started by <c>scripts/local-cluster.sh up</c> in a run dir of its own (temp), with its
/// own token, config file and cluster id (so its queues never meet another cluster's on the shared broker). Disposal
/// runs <c>down</c>, then kills by PID anything of ours still alive, so no test leaves a process behind.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly string _root = Directory.CreateTempSubdirectory("openclaw-cluster-").FullName;
    private readonly Dictionary<string, string> _environment;
    private readonly List<SiloNode> _silos = [];
    private readonly List<FrontNode> _fronts = [];
    private readonly HashSet<int> _pids = [];

    private LocalCluster(ClusterSpec spec)
    {
        Spec = spec;
        Token = $"cluster-token-{Guid.NewGuid():N}";
        ClusterId = $"ct{Guid.NewGuid():N}"[..14];
        var configPath = Path.Combine(_root, "openclaw.json");
        File.WriteAllText(configPath, spec.ConfigJson);
        var realHome = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Path.GetTempPath();
        Directory.CreateDirectory(Path.Combine(_root, "home"));
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // The nodes' home (agent workspaces) is the test's; the servers stay where every test project finds them.
            ["HOME"] = Path.Combine(_root, "home"),
            ["OPENCLAW_SERVERS_DIR"] = Environment.GetEnvironmentVariable("OPENCLAW_SERVERS_DIR")
                ?? Path.Combine(realHome, ".cache", "openclaw-orleans", "servers"),
            ["OPENCLAW_CLUSTER_RUN_DIR"] = RunDirectory,
            ["OPENCLAW_CLUSTER_CONFIGURATION"] = RepositoryPaths.BuildConfiguration,
            ["OPENCLAW_CLUSTER_READY_TIMEOUT"] = "120",
            ["OPENCLAW_CONFIG_PATH"] = configPath,
            ["OPENCLAW_GATEWAY_TOKEN"] = Token,
            ["OPENCLAW_SHARD_COUNT"] = spec.ShardCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OPENCLAW_CLUSTER_ID"] = ClusterId,
        };
        foreach (var (name, value) in spec.Environment) _environment[name] = value;
    }

    public ClusterSpec Spec { get; }
    public string Token { get; }
    public string ClusterId { get; }
    public string RunDirectory => Path.Combine(_root, "run");
    public IReadOnlyList<SiloNode> Silos => _silos;
    public IReadOnlyList<FrontNode> Fronts => _fronts;
    public Uri? Dashboard { get; private set; }

    /// <summary>What <c>up</c> printed, for tests of the script's contract.</summary>
    public ScriptResult? UpResult { get; private set; }

    public static async Task<LocalCluster> StartAsync(ClusterSpec spec)
    {
        var cluster = new LocalCluster(spec);
        try
        {
            var up = await cluster.RunScriptAsync(["up", "--silos", $"{spec.Silos}", "--fronts", $"{spec.Fronts}", "--no-build"], StartTimeout);
            cluster.UpResult = up;
            if (up.ExitCode != 0) throw new InvalidOperationException($"local-cluster.sh up failed: {up.Describe()}");
            var nodes = ClusterNodes.Parse(up.OutputLines);
            cluster._silos.AddRange(nodes.Silos);
            cluster._fronts.AddRange(nodes.Fronts);
            cluster.Dashboard = nodes.Dashboard;
            foreach (var pid in nodes.Silos.Select(s => s.Pid).Concat(nodes.Fronts.Select(f => f.Pid))) cluster._pids.Add(pid);
            await cluster.WaitForBalanceAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>local-cluster.sh add-silo</c>: one more silo joins; returns once it is ready.</summary>
    public async Task<SiloNode> AddSiloAsync()
    {
        var result = await RunScriptAsync(["add-silo"], StartTimeout);
        if (result.ExitCode != 0) throw new InvalidOperationException($"local-cluster.sh add-silo failed: {result.Describe()}");
        var silo = ClusterNodes.Parse(result.OutputLines).Silos.Single();
        _silos.Add(silo);
        _pids.Add(silo.Pid);
        return silo;
    }

    /// <summary>kill -9: no shutdown hook runs; the process's sockets close when the kernel tears it down.</summary>
    public static async Task KillAsync(int pid)
    {
        using (var process = Process.GetProcessById(pid)) process.Kill();
        // Not WaitForExit: the nodes are not our children (the script's), so an exited one stays a zombie that
        // Process still sees as running; /proc says when it is dead.
        await Poll.UntilAsync(() => !IsAlive(pid), TimeSpan.FromSeconds(10), $"pid {pid} to die after SIGKILL");
    }

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/cmdline") && !IsZombie(pid);

    public async Task<GatewayTestClient> ConnectAsync(FrontNode front, string[]? scopes = null, params string[] caps)
    {
        var connect = ConnectParamsBuilder.Cli(Token, scopes ?? []);
        connect["caps"] = new JsonArray([.. caps.Select(c => JsonValue.Create(c))]);
        // The handshake makes grain calls (hello-ok's snapshot); a node that just started, on a busy machine, may miss
        // the client's 10 s bound once. A client would try again; so do the tests, at most three times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (client, _) = await GatewayTestClient.ConnectAsync(front.Url, connect);
                return client;
            }
            catch (OperationCanceledException) when (attempt < 3)
            {
            }
        }
    }

    public string Log(string nodeName)
    {
        var path = Path.Combine(RunDirectory, $"{nodeName}.log");
        if (!File.Exists(path)) return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The last lines of every node's log, for failure messages.</summary>
    public string LogTails(int lines = 15) => string.Join("\n", _silos.Select(s => s.Name).Concat(_fronts.Select(f => f.Name)).Select(name =>
        $"--- {name}\n{string.Join('\n', Log(name).Split('\n').TakeLast(lines))}"));

    public int ShardOfSession(string sessionKey) => ShardMap.ShardOf(GrainId.Create("chatsession", sessionKey), Spec.ShardCount);

    /// <summary>The live silo that owns <paramref name="shard"/>, from the silos' ownership log lines (see <see cref="ShardOwnershipLog"/>).</summary>
    public Task<SiloNode> WaitForOwnerAsync(int shard, TimeSpan timeout) =>
        Poll.UntilAsync(() => ShardOwnershipLog.Owner(shard, _silos.Where(s => IsAlive(s.Pid)), s => Log(s.Name)), timeout, $"an owner of shard {shard}");

    /// <summary>
    /// Silos that start together do not start balanced: the first consumer of each shard queue owns it, and the cluster
    /// then hands shards over one at a time. Tests start from the settled state, each silo holding its share (a run
    /// caught by a hand-off is what <see cref="SiloJoinTests"/> is about, not every test).
    /// </summary>
    public Task WaitForBalanceAsync() =>
        Poll.UntilAsync(() =>
        {
            var live = _silos.Where(s => IsAlive(s.Pid)).ToList();
            var share = Spec.ShardCount / Math.Max(1, live.Count);
            return live.All(s => ShardOwnershipLog.OwnedShards(Log(s.Name)).Count >= share);
        }, TimeSpan.FromSeconds(60), "every silo to own its share of the shards");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunScriptAsync(["down"], StopTimeout);
        }
        catch (TimeoutException)
        {
            // Killed below by PID.
        }

        foreach (var pid in _pids.Concat(RecordedPids()).Distinct().Where(IsOurs))
        {
            try
            {
                await KillAsync(pid);
            }
            catch (Exception ex) when (ex is ArgumentException or TimeoutException)
            {
                // Already gone, or a zombie the OS keeps: nothing more a test can do about it.
            }
        }

        try
        {
            // OPENCLAW_CLUSTER_TESTS_KEEP=1 keeps configs and node logs for a look after a failure.
            if (Environment.GetEnvironmentVariable("OPENCLAW_CLUSTER_TESTS_KEEP") != "1") Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A log still being flushed by a dying process; the temp dir is the OS's to clean then.
        }
    }

    /// <summary>Runs <c>local-cluster.sh</c> with this cluster's environment (e.g. <c>status</c>, <c>down</c>).</summary>
    public Task<ScriptResult> RunScriptAsync(params string[] arguments) => RunScriptAsync(arguments, StopTimeout);

    private Task<ScriptResult> RunScriptAsync(IReadOnlyList<string> arguments, TimeSpan timeout) =>
        ScriptRun.RunAsync(RepositoryPaths.LocalClusterScript, arguments, _environment, timeout);

    /// <summary>PIDs from the script's own record, in case `up` was cut short before it printed them.</summary>
    private IEnumerable<int> RecordedPids()
    {
        var nodes = Path.Combine(RunDirectory, "nodes");
        if (!File.Exists(nodes)) return [];
        return File.ReadAllLines(nodes).Select(line => line.Split(' ')).Where(f => f.Length >= 3 && int.TryParse(f[2], out _)).Select(f => int.Parse(f[2]));
    }

    private static bool IsOurs(int pid)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return !IsZombie(pid) && (commandLine.Contains("OpenClaw.Silo.dll") || commandLine.Contains("OpenClaw.Gateway.Host.dll"));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state …"; the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
