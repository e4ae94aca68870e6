using System.Diagnostics;

namespace OpenClaw.Cluster.Tests.Infrastructure;

/// <summary>The outcome of one script run.</summary>
public sealed record ScriptResult(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> OutputLines =>
        StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string Describe() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>Runs a script to completion within a bound; on timeout the script (not what it started) is killed.</summary>
internal static class ScriptRun
{
    public static async Task<ScriptResult> RunAsync(string script, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"bash {script} did not start.");
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return new ScriptResult(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            // Only the script itself: the nodes it started are recorded in its run dir and stopped by PID from there.
            process.Kill(entireProcessTree: false);
            throw new TimeoutException($"{Path.GetFileName(script)} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
    }
}
