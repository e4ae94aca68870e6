using System.Diagnostics;
using System.Text;

namespace OpenClaw.Interop.Tests.Infrastructure;

public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>Runs a child process to completion with a hard time bound; output is captured, never inherited.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        ApplyEnvironment(info, environment);

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readOut = PumpAsync(process.StandardOutput, stdout);
        var readErr = PumpAsync(process.StandardError, stderr);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} {string.Join(' ', args)} did not finish within {timeout}.\n{stdout}\n{stderr}");
        }
        await Task.WhenAll(readOut, readErr).WaitAsync(TimeSpan.FromSeconds(10));
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts the child with only the variables we choose: no OPENCLAW_* leaks in from the developer's shell.</summary>
    public static void ApplyEnvironment(ProcessStartInfo info, IReadOnlyDictionary<string, string?> environment)
    {
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("OPENCLAW_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in environment)
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (sink) sink.Append(buffer, 0, read);
        }
    }
}
