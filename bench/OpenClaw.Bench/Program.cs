using OpenClaw.Bench;
using OpenClaw.Bench.Reporting;

// Foundation benchmark of the gateway: startup, handshakes, health RPC, idle memory. Prints one markdown table.
if (OpenClaw.Bench.ClusterCalls.ClusterCallsBench.IsRequested(args)) return await OpenClaw.Bench.ClusterCalls.ClusterCallsBench.RunAsync(args);
if (OpenClaw.Bench.Streams.StreamsBench.IsRequested(args)) return await OpenClaw.Bench.Streams.StreamsBench.RunAsync(args);
if (args is ["--cluster", .. var clusterArgs]) return await OpenClaw.Bench.Cluster.ClusterBenchProgram.RunAsync(clusterArgs);
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(BenchCommandLine.Usage);
    return 0;
}

BenchOptions options;
string siloPath;
try
{
    options = BenchCommandLine.Parse(args);
    siloPath = SiloLocator.Locate(options.SiloPath);
}
catch (Exception ex) when (ex is ArgumentException or FileNotFoundException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchCommandLine.Usage);
    return 2;
}

// Every idle connection costs the gateway one descriptor; the child inherits this process's soft limit.
var wantedDescriptors = options.IdleConnectionCounts.Max() + 1024L;
var descriptorLimit = NativeMethods.RaiseOpenFileLimit(wantedDescriptors);
if (descriptorLimit >= 0 && descriptorLimit < wantedDescriptors)
    Console.Error.WriteLine($"bench: open-file limit is {descriptorLimit} (hard limit); idle-connection counts above it will fail.");

// Ctrl+C stops the run; the hard cap keeps a stuck phase from running forever.
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var machine = MachineInfo.Describe();
void Progress(string line) => Console.Error.WriteLine($"bench: {line}");
Progress($"gateway {siloPath}; machine {machine}");

var rows = await new BenchRunner(siloPath, options, Progress).RunAsync(stop.Token);
Console.WriteLine();
Console.WriteLine(ResultTable.Render(machine, options.ClientMode, rows));
return 0;
