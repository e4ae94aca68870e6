using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenClaw.Interop.Tests.Infrastructure;

/// <summary>
/// Our gateway as users run it: the silo executable (embedded mode) in its own process, with its own state dir and
/// HOME, on a free loopback port. Stopped with SIGTERM, so the graceful path runs too.
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayProcess(Process process, int port, string token, string stateDirectory)
    {
        _process = process;
        Port = port;
        Token = token;
        StateDirectory = stateDirectory;
    }

    public int Port { get; }
    public string Token { get; }
    public string StateDirectory { get; }
    public Uri WebSocketUrl => new($"ws://127.0.0.1:{Port}");
    public Uri HttpUrl => new($"http://127.0.0.1:{Port}");
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the gateway; <paramref name="prepareState"/> may write files (config, sessions) first.</summary>
    public static async Task<GatewayProcess> StartAsync(string token, Func<string, Task>? prepareState = null)
    {
        var home = Directory.CreateTempSubdirectory("openclaw-gw-home-").FullName;
        var stateDirectory = Path.Combine(home, ".openclaw");
        Directory.CreateDirectory(stateDirectory);
        if (prepareState is not null) await prepareState(stateDirectory);

        var port = FreeLoopbackPort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        foreach (var arg in new[] { SiloAssemblyPath(), "--port", port.ToString(), "--token", token, "--state-dir", stateDirectory })
            info.ArgumentList.Add(arg);
        ProcessRunner.ApplyEnvironment(info, new Dictionary<string, string?> { ["HOME"] = home, ["DOTNET_NOLOGO"] = "1" });

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the gateway.");
        var gateway = new GatewayProcess(process, port, token, stateDirectory);
        process.OutputDataReceived += (_, e) => gateway.Append(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, SigTerm);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The gateway exited with {_process.ExitCode}.\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(HttpUrl, "/readyz"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start; poll again
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The gateway was not ready within {timeout}.\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The silo built next to this test assembly's configuration (Debug or Release).</summary>
    private static string SiloAssemblyPath()
    {
        var baseDir = AppContext.BaseDirectory;
        var configuration = baseDir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(baseDir);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OpenClaw.Orleans.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"Could not find the repository root above {baseDir}.");
        var path = Path.Combine(root.FullName, "silo", "bin", configuration, "net10.0", "OpenClaw.Silo.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The silo is not built: {path} is missing.");
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
