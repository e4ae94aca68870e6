using System.Diagnostics;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace OpenClaw.Gateway.Tests.Dashboard;

/// <summary>
/// The shared local RabbitMQ at 127.0.0.1:5672 for the dashboard's broker tests. When nothing listens there it starts a
/// throwaway node with <c>scripts/servers/rabbitmq.sh start</c> (and stops it at the end); when that fails the tests
/// fail with the script's output. Tests use their own queue prefix, so they never see another test's beats or queues.
/// </summary>
public sealed class DashboardBroker : IAsyncLifetime
{
    public const string Uri = "amqp://guest:guest@127.0.0.1:5672/";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private bool _startedHere;
    private IConnection? _connection;

    public IConnection Connection => _connection ?? throw new InvalidOperationException("The broker fixture is not initialized.");

    public async Task InitializeAsync()
    {
        if (!await IsListeningAsync())
        {
            var (exitCode, output) = await RunScriptAsync("start");
            if (exitCode != 0 || !await IsListeningAsync())
                throw new InvalidOperationException($"RabbitMQ is not reachable on 127.0.0.1:5672 and `scripts/servers/rabbitmq.sh start` failed (exit {exitCode}):\n{output}");
            _startedHere = true;
        }

        _connection = await new ConnectionFactory { Uri = new System.Uri(Uri), ClientProvidedName = "openclaw-dashboard-tests" }
            .CreateConnectionAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        if (_startedHere) await RunScriptAsync("stop");
    }

    private static async Task<bool> IsListeningAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", 5672).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception exception) when (exception is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string command)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "servers", "rabbitmq.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"Could not run {script}.");
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
