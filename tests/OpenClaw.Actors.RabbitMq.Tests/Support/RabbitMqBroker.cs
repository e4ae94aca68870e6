using System.Diagnostics;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>
/// The real broker every test of the collection uses: 127.0.0.1:5672. When nothing listens there the fixture starts a
/// throwaway node with <c>scripts/servers/rabbitmq.sh start</c> (and stops it again at the end); when that fails the
/// tests fail with the script's output, never skip.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime, ITestBroker
{
    public const string Uri = "amqp://guest:guest@127.0.0.1:5672/";
    private const string Host = "127.0.0.1";
    private const int Port = 5672;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5); // includes an apt install on a fresh machine

    private bool _startedHere;
    private IConnection? _connection;

    /// <summary>A connection for test-side broker work (inspecting and cleaning queues, publishing raw messages).</summary>
    public IConnection Connection => _connection ?? throw new InvalidOperationException("The broker fixture is not initialized.");

    public async Task InitializeAsync()
    {
        if (!await IsListeningAsync())
        {
            var (exitCode, output) = await RunScriptAsync("start");
            if (exitCode != 0 || !await IsListeningAsync())
            {
                throw new InvalidOperationException(
                    $"RabbitMQ is not reachable on {Host}:{Port} and `scripts/servers/rabbitmq.sh start` failed (exit {exitCode}). " +
                    $"Start it yourself with `scripts/servers/rabbitmq.sh start` (needs root for apt-get install rabbitmq-server). Output:\n{output}");
            }

            _startedHere = true;
        }

        _connection = await new ConnectionFactory { Uri = new System.Uri(Uri), ClientProvidedName = "openclaw-tests" }
            .CreateConnectionAsync(CancellationToken.None).WaitAsync(Wait.Timeout);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        if (_startedHere) await RunScriptAsync("stop");
    }

    string ITestBroker.Uri => Uri;

    /// <summary>A queue prefix no other test uses, so tests never see each other's shard queues.</summary>
    public static string NewPrefix() => $"test-{Guid.NewGuid():N}";

    /// <summary>Deletes everything <see cref="ShardTopology"/> declared for <paramref name="prefix"/>.</summary>
    public async Task DeleteTopologyAsync(string prefix, int shardCount)
    {
        await using var channel = await Connection.CreateChannelAsync();
        for (var shard = 0; shard < shardCount; shard++) await channel.QueueDeleteAsync($"{prefix}.shard.{shard}");
        await channel.QueueDeleteAsync($"{prefix}.dead");
        await channel.QueueDeleteAsync($"{prefix}.members");
        await channel.ExchangeDeleteAsync($"{prefix}.dlx");
    }

    internal static async Task<bool> IsListeningAsync(int port = Port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(Host, port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception exception) when (exception is SocketException or TimeoutException)
        {
            return false;
        }
    }

    internal static async Task<(int ExitCode, string Output)> RunScriptAsync(string command, IReadOnlyDictionary<string, string>? environment = null)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "servers", "rabbitmq.sh");
        var start = new ProcessStartInfo("bash", [script, command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {StartTimeout}\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenClaw.Orleans.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"OpenClaw.Orleans.sln not found above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "rabbitmq";
}
