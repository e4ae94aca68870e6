namespace OpenClaw.Cluster.Tests.Infrastructure;

/// <summary>
/// A RabbitMQ node of this test's own (scripts/servers/rabbitmq.sh with OPENCLAW_RABBITMQ_INSTANCE), for tests that
/// stop or restart the broker: the shared node on 5672 serves every other test running at the same time.
/// </summary>
public sealed class OwnBroker : IAsyncDisposable
{
    private const string Instance = "cluster-tests";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private readonly Dictionary<string, string> _environment;

    private OwnBroker(int port)
    {
        Port = port;
        _environment = new Dictionary<string, string>
        {
            ["OPENCLAW_RABBITMQ_INSTANCE"] = Instance,
            ["OPENCLAW_RABBITMQ_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public int Port { get; }

    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public static async Task<OwnBroker> StartAsync(int port = 5675)
    {
        var broker = new OwnBroker(port);
        await broker.RunAsync("start");
        return broker;
    }

    /// <summary>Stop and start again keeping the data: durable queues and their messages survive.</summary>
    public Task RestartAsync() => RunAsync("restart");

    public async ValueTask DisposeAsync() => await RunAsync("stop");

    private async Task RunAsync(string command)
    {
        var result = await ScriptRun.RunAsync(RepositoryPaths.ServerScript("rabbitmq"), [command], _environment, ScriptTimeout);
        if (result.ExitCode != 0) throw new InvalidOperationException($"rabbitmq.sh {command} ({Instance}) failed: {result.Describe()}");
    }
}
