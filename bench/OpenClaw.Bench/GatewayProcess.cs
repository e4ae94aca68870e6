using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpenClaw.Bench;

/// <summary>One gateway child process (the silo) on a free loopback port, with its own HOME and state dir.
/// Only this process is ever signalled or killed.</summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string _tempRoot;
    private readonly OutputTail _output = new(capacity: 40);
    private readonly long _startTimestamp;

    private GatewayProcess(Process process, string tempRoot, int port, string token, long startTimestamp)
    {
        _process = process;
        _tempRoot = tempRoot;
        Port = port;
        Token = token;
        _startTimestamp = startTimestamp;
        _process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        _process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
    }

    public int Port { get; }
    public string Token { get; }
    public int Pid => _process.Id;
    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/");
    public string RecentOutput => _output.ToString();

    /// <param name="configJson">Contents of <c>openclaw.json</c> in the state dir, written before the start; null for none.</param>
    /// <param name="environment">OPENCLAW_* (or other) variables for the child; the bench's own OPENCLAW_* are never
    /// inherited, so only what the phase asks for (e.g. OPENCLAW_FSYNC) reaches the gateway.</param>
    public static GatewayProcess Start(string siloPath, string? configJson = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var tempRoot = Directory.CreateTempSubdirectory("openclaw-bench-").FullName;
        var home = Directory.CreateDirectory(Path.Combine(tempRoot, "home")).FullName;
        var stateDir = Directory.CreateDirectory(Path.Combine(tempRoot, "state")).FullName;
        if (configJson is not null)
            File.WriteAllText(Path.Combine(stateDir, "openclaw.json"), configJson);
        var port = FindFreePort();
        var token = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();

        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = tempRoot,
        };
        foreach (var arg in new[] { siloPath, "--port", port.ToString(), "--token", token, "--state-dir", stateDir })
            startInfo.ArgumentList.Add(arg);
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("OPENCLAW_", StringComparison.Ordinal)).ToList())
            startInfo.Environment.Remove(key);
        startInfo.Environment["HOME"] = home;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            startInfo.Environment[key] = value;

        var startTimestamp = Stopwatch.GetTimestamp();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
        var gateway = new GatewayProcess(process, tempRoot, port, token, startTimestamp);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return gateway;
    }

    /// <summary>Polls <c>GET /readyz</c> every 10 ms until 200; returns the time since the process was started.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var readyUri = new Uri($"http://127.0.0.1:{Port}/readyz");
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The gateway exited with code {_process.ExitCode}:\n{RecentOutput}");
            try
            {
                using var response = await http.GetAsync(readyUri, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    return Stopwatch.GetElapsedTime(_startTimestamp);
            }
            catch (HttpRequestException)
            {
                // Not listening yet: poll again.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One poll timed out (a busy machine): poll again.
            }
            await Task.Delay(ReadyPollInterval, cancellationToken);
        }
        throw new TimeoutException($"/readyz did not answer 200 within {limit.TotalSeconds:0} s:\n{RecentOutput}");
    }

    /// <summary>User + system CPU time the gateway has used so far.</summary>
    public TimeSpan TotalProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Resident set size from /proc/&lt;pid&gt;/status (VmRSS), in KB.</summary>
    public long ReadRssKilobytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
        }
        throw new InvalidOperationException($"/proc/{Pid}/status has no VmRSS line.");
    }

    /// <summary>SIGTERM, then a hard kill of this one process if it has not exited within the grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                NativeMethods.SendSigTerm(_process.Id);
                try
                {
                    await _process.WaitForExitAsync().WaitAsync(StopGracePeriod);
                }
                catch (TimeoutException)
                {
                    Console.Error.WriteLine($"bench: gateway pid {_process.Id} ignored SIGTERM for {StopGracePeriod.TotalSeconds:0} s; killing it.");
                    _process.Kill();
                    await _process.WaitForExitAsync().WaitAsync(StopGracePeriod);
                }
            }
        }
        finally
        {
            _process.Dispose();
            TryDeleteDirectory(_tempRoot);
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"bench: could not delete {path}: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            Console.Error.WriteLine($"bench: could not delete {path}: {ex.Message}");
        }
    }
}
