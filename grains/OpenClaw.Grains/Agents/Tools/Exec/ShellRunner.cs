using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Grains.Agents.Tools.Exec;

/// <summary>
/// Runs one shell command to completion: stdin closed, stdout and stderr captured into one bounded
/// <see cref="OutputCapture"/>, and on timeout or cancellation the whole process group is killed. Every wait after a
/// kill is bounded, so a process that ignores SIGKILL (uninterruptible I/O) cannot hang the agent run.
/// </summary>
public sealed partial class ShellRunner(TimeProvider time, ILogger<ShellRunner> logger)
{
    public const int HeadBytes = 32 * 1024;
    public const int TailBytes = 32 * 1024;

    /// <summary>How long to keep reading after the shell exited, for output still in flight.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ExitAfterKill = TimeSpan.FromSeconds(5);

    public async Task<ShellOutcome> RunAsync(ShellCommand command, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var capture = new OutputCapture(HeadBytes, TailBytes);
        using var process = new Process { StartInfo = CreateStartInfo(command) };
        process.Start();
        LogStarted(process.Id, command.WorkingDirectory);
        process.StandardInput.Close();

        using var readersStop = new CancellationTokenSource();
        var readers = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, capture, readersStop.Token),
            PumpAsync(process.StandardError.BaseStream, capture, readersStop.Token));

        var timedOut = false;
        using (var timeout = new CancellationTokenSource(command.Timeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken))
        {
            try
            {
                await process.WaitForExitAsync(linked.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = !cancellationToken.IsCancellationRequested;
                await KillAsync(process, timedOut ? "timeout" : "cancellation");
            }
        }

        var stillOpen = !await DrainAsync(readers, readersStop);
        cancellationToken.ThrowIfCancellationRequested();
        int? exitCode = !timedOut && process.HasExited ? process.ExitCode : null;
        return new ShellOutcome(exitCode, timedOut, capture.ToText(), capture.TotalBytes, stillOpen, time.GetElapsedTime(started));
    }

    private static ProcessStartInfo CreateStartInfo(ShellCommand command)
    {
        var info = new ProcessStartInfo
        {
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (ProcessGroup.CanIsolate)
        {
            info.FileName = ProcessGroup.SetsidPath;
            info.ArgumentList.Add("/bin/bash");
        }
        else
        {
            info.FileName = "/bin/bash";
        }
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command.Command);
        return info;
    }

    private static async Task PumpAsync(Stream source, OutputCapture capture, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            capture.Append(buffer.AsSpan(0, read));
    }

    private async Task KillAsync(Process process, string reason)
    {
        LogKilling(process.Id, reason);
        ProcessGroup.KillAll(process);
        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(ExitAfterKill, time);
        }
        catch (TimeoutException)
        {
            LogKillUnconfirmed(process.Id, ExitAfterKill.TotalSeconds);
        }
    }

    /// <summary>Waits for both pipes to reach end of file; false when something still held them open after the grace.</summary>
    private async Task<bool> DrainAsync(Task readers, CancellationTokenSource stop)
    {
        try
        {
            await readers.WaitAsync(DrainGrace, time);
            return true;
        }
        catch (IOException e)
        {
            LogReadersStopped(e.GetType().Name);
            return true;
        }
        catch (TimeoutException)
        {
            // A pipe read may ignore cancellation; disposing the process closes the pipes, and the continuation
            // observes whatever the readers end with.
            await stop.CancelAsync();
            _ = readers.ContinueWith(
                static (task, state) => ((ShellRunner)state!).LogReadersStopped(task.Exception?.GetBaseException().GetType().Name ?? task.Status.ToString()),
                this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return false;
        }
    }

    [LoggerMessage(3600, LogLevel.Debug, "exec started process {ProcessId} in {WorkingDirectory}")]
    private partial void LogStarted(int processId, string workingDirectory);

    [LoggerMessage(3601, LogLevel.Information, "exec killing process group {ProcessId} on {Reason}")]
    private partial void LogKilling(int processId, string reason);

    [LoggerMessage(3602, LogLevel.Warning, "exec process {ProcessId} had not exited {Seconds}s after SIGKILL")]
    private partial void LogKillUnconfirmed(int processId, double seconds);

    [LoggerMessage(3603, LogLevel.Debug, "exec stopped reading output held open by background processes ({Outcome})")]
    private partial void LogReadersStopped(string outcome);
}
