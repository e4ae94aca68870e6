using OpenClaw.Configuration;
using OpenClaw.Hosting.Cluster;
using OpenClaw.Silo;
using OpenClaw.Silo.Cluster;

// The OpenClaw gateway: `dotnet run --project silo -c Release` (embedded), or `-- --mode cluster` (grains only).
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(SiloCommandLine.Usage);
    return 0;
}

SiloMode mode;
EmbeddedHostOptions? embedded = null;
ClusterSiloOptions? cluster = null;
try
{
    (mode, var remaining) = SiloCommandLine.ParseMode(args);
    if (mode == SiloMode.Cluster) cluster = SiloCommandLine.ParseCluster(remaining);
    else embedded = SiloCommandLine.Parse(remaining);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(SiloCommandLine.Usage);
    return 2;
}

try
{
    await using var app = cluster is not null
        ? await ClusterSiloHost.StartAsync(cluster, CancellationToken.None)
        : await EmbeddedHost.StartAsync(embedded!, CancellationToken.None);
    await app.WaitForShutdownAsync();
    return 0;
}
catch (ConfigLoadException ex)
{
    // A broken config stops startup with the file, line and key; nothing else is worth a stack trace here.
    Console.Error.WriteLine($"openclaw: configuration error: {ex.Message}");
    return 1;
}
catch (ClusterConfigurationException ex)
{
    Console.Error.WriteLine($"openclaw: cluster configuration error: {ex.Message}");
    return 1;
}
