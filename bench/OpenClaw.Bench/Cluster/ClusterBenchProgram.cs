using System.Diagnostics;
using OpenClaw.Bench.Chat;
using OpenClaw.Bench.Reporting;
using OpenClaw.TestStubs;

namespace OpenClaw.Bench.Cluster;

/// <summary>
/// <c>OpenClaw.Bench --cluster</c>: starts a local cluster (scripts/local-cluster.sh, Release builds) with a zero-delay
/// stub model, runs the cluster measurements and prints one markdown table. Each measurement that fails adds a
/// "failed" row and the run goes on.
/// </summary>
internal static class ClusterBenchProgram
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ClusterBenchOptions options;
        try
        {
            if (args.Contains("--help")) throw new ArgumentException("");
            options = ClusterBenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            if (ex.Message.Length > 0) Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(ClusterBenchOptions.Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        void Progress(string line) => Console.Error.WriteLine($"bench: {line}");
        var machine = MachineInfo.Describe();
        var root = RepositoryRoot();
        Progress($"cluster of {options.Silos} silos and {options.Fronts} fronts from {root}; machine {machine}");

        await using var stub = await OpenAiStubServer.StartAsync([StubGatewayConfig.ModelId]);
        var rows = new List<ResultRow>();
        var starting = Stopwatch.GetTimestamp();
        await using var cluster = await ClusterProcesses.StartAsync(root, StubGatewayConfig.For(stub.BaseUrl), options.Silos, options.Fronts, options.ShardCount);
        rows.Add(new ResultRow($"local-cluster.sh up ({options.Silos} silos, {options.Fronts} fronts, {options.ShardCount} shards) until every /readyz",
            $"{Stopwatch.GetElapsedTime(starting).TotalSeconds:0.0} s"));

        var benchmarks = new ClusterBenchmarks(cluster, stub, options, Progress);
        rows.AddRange(await MeasureAsync("cluster call latency", () => benchmarks.CallLatencyAsync(stop.Token), Progress));
        rows.AddRange(await MeasureAsync("chat event fan-out", () => benchmarks.FanOutAsync(stop.Token), Progress));
        rows.AddRange(await MeasureAsync("failover after kill -9", () => benchmarks.FailoverAsync(stop.Token), Progress));

        Console.WriteLine();
        Console.WriteLine(ResultTable.Render(machine, "cli", rows));
        return 0;
    }

    private static async Task<IReadOnlyList<ResultRow>> MeasureAsync(string phase, Func<Task<IReadOnlyList<ResultRow>>> measure, Action<string> progress)
    {
        progress(phase);
        try
        {
            return await measure();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.Net.WebSockets.WebSocketException or IOException)
        {
            progress($"{phase} failed: {ex}");
            return [ResultRow.Failed(phase, $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}")];
        }
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "OpenClaw.Orleans.sln"))) return dir.FullName;
        throw new FileNotFoundException("Could not find OpenClaw.Orleans.sln above the working directory.");
    }
}
