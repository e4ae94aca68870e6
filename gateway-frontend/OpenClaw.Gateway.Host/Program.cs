using OpenClaw.Configuration;
using OpenClaw.Gateway.Host;
using OpenClaw.Hosting.Cluster;

// A cluster-mode front node: `dotnet run --project gateway-frontend/OpenClaw.Gateway.Host`. Settings come from the
// environment (ClusterEnvironment) and the OpenClaw config file.
if (args.Length > 0)
{
    Console.Error.WriteLine("Usage: OpenClaw.Gateway.Host (no flags). Environment: OPENCLAW_RABBITMQ_URI (required), OPENCLAW_NODE_NAME,");
    Console.Error.WriteLine("       OPENCLAW_SHARD_COUNT, OPENCLAW_GATEWAY_PORT, OPENCLAW_GATEWAY_BIND, OPENCLAW_GATEWAY_TOKEN, OPENCLAW_CONFIG_PATH.");
    return 2;
}

try
{
    await using var app = await FrontHost.StartAsync(new FrontHostOptions { AddClusterClient = ClusterClientRegistration.Add }, CancellationToken.None);
    await app.WaitForShutdownAsync();
    return 0;
}
catch (ConfigLoadException ex)
{
    Console.Error.WriteLine($"openclaw: configuration error: {ex.Message}");
    return 1;
}
catch (ClusterConfigurationException ex)
{
    Console.Error.WriteLine($"openclaw: cluster configuration error: {ex.Message}");
    return 1;
}
