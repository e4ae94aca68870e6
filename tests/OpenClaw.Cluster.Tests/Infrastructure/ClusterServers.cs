namespace OpenClaw.Cluster.Tests.Infrastructure;

/// <summary>
/// RabbitMQ (127.0.0.1:5672) and Azurite (127.0.0.1:10000) for every cluster of this assembly, through
/// scripts/servers/*.sh. They are shared with other test projects, so they are started only when not running (CI's
/// scripts/test.sh starts them first) and stopped at the end only if this fixture started them. Clusters never stop
/// or restart them (local-cluster.sh leaves servers it did not start alone). The broker-restart test's own RabbitMQ
/// node starts in the background at once, so its slow Erlang start overlaps the other tests.
/// </summary>
public sealed class ClusterServers : IAsyncLifetime
{
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromMinutes(3);
    private readonly List<string> _started = [];
    private Task<OwnBroker>? _ownBroker;

    /// <summary>A RabbitMQ node of this assembly's own, for the test that restarts its broker.</summary>
    public Task<OwnBroker> OwnBroker => _ownBroker ?? throw new InvalidOperationException("fixture not initialized");

    public async Task InitializeAsync()
    {
        _ownBroker = Infrastructure.OwnBroker.StartAsync();
        foreach (var server in (string[])["rabbitmq", "azurite"])
        {
            var status = await RunAsync(server, "status");
            if (status.ExitCode == 0) continue;
            var start = await RunAsync(server, "start");
            if (start.ExitCode != 0) throw new InvalidOperationException($"scripts/servers/{server}.sh start failed: {start.Describe()}");
            _started.Add(server);
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_ownBroker is not null) await (await _ownBroker).DisposeAsync();
        }
        finally
        {
            foreach (var server in _started) await RunAsync(server, "stop");
        }
    }

    private static Task<ScriptResult> RunAsync(string server, string command) =>
        ScriptRun.RunAsync(RepositoryPaths.ServerScript(server), [command], new Dictionary<string, string>(), ServerTimeout);
}

/// <summary>One collection: cluster tests run one at a time (each starts several processes on a 2-core machine).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterServers>
{
    public const string Name = "cluster";
}
