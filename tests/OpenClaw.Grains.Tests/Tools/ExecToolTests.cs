using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Grains.Agents.Tools.Exec;
using OpenClaw.Grains.Tests.Tools.Support;

namespace OpenClaw.Grains.Tests.Tools;

/// <summary>exec runs bash in the workspace, reports output and exit code, and never leaves a command running past its timeout.</summary>
public sealed class ExecToolTests : IDisposable
{
    private readonly TempDirectory _workspace = new();
    private readonly ExecTool _exec = new(new ShellRunner(TimeProvider.System, NullLogger<ShellRunner>.Instance));

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Exec_SuccessfulCommand_ReturnsCombinedOutputAndExitCodeZero()
    {
        var result = await _exec.InvokeAsync("""{"command":"echo to-out; echo to-err >&2"}""", _workspace.Path);

        Assert.False(result.IsError, result.Content);
        Assert.Contains("to-out", result.Content);
        Assert.Contains("to-err", result.Content);
        Assert.EndsWith("[exit code 0]", result.Content);
    }

    [Fact]
    public async Task Exec_NonZeroExit_IsErrorWithExitCode()
    {
        var result = await _exec.InvokeAsync("""{"command":"echo failing; exit 3"}""", _workspace.Path);

        Assert.True(result.IsError);
        Assert.Contains("failing", result.Content);
        Assert.EndsWith("[exit code 3]", result.Content);
    }

    [Fact]
    public async Task Exec_DefaultCwd_IsTheWorkspace()
    {
        var result = await _exec.InvokeAsync("""{"command":"pwd"}""", _workspace.Path);

        Assert.StartsWith(_workspace.Path + "\n", result.Content);
    }

    [Fact]
    public async Task Exec_CwdInsideWorkspace_RunsThere()
    {
        Directory.CreateDirectory(_workspace.File("sub/dir"));

        var result = await _exec.InvokeAsync("""{"command":"pwd","cwd":"sub/dir"}""", _workspace.Path);

        Assert.False(result.IsError, result.Content);
        Assert.StartsWith(_workspace.File("sub/dir") + "\n", result.Content);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../..")]
    [InlineData("/tmp")]
    public async Task Exec_CwdOutsideWorkspace_IsRefusedWithoutRunning(string cwd)
    {
        var marker = _workspace.File("ran");

        var result = await _exec.InvokeAsync($$"""{"command":"touch {{marker}}","cwd":"{{cwd}}"}""", _workspace.Path);

        Assert.True(result.IsError);
        Assert.Contains("outside the workspace", result.Content);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Exec_CwdThatIsNotADirectory_IsAnError()
    {
        var result = await _exec.InvokeAsync("""{"command":"pwd","cwd":"missing"}""", _workspace.Path);

        Assert.True(result.IsError);
        Assert.Contains("not a directory", result.Content);
    }

    [Fact]
    public async Task Exec_StdinIsClosed_CommandReadingItEndsAtOnce()
    {
        var result = await _exec.InvokeAsync("""{"command":"cat; echo done","timeoutSeconds":5}""", _workspace.Path);

        Assert.False(result.IsError, result.Content);
        Assert.StartsWith("done", result.Content);
    }

    [Fact]
    public async Task Exec_Timeout_KillsTheCommandAndItsBackgroundChildrenWithinBound()
    {
        var stopwatch = Stopwatch.StartNew();

        var result = await _exec.InvokeAsync("""{"command":"sleep 30 & echo $! > bg.pid; echo started; sleep 30","timeoutSeconds":1}""", _workspace.Path);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.True(result.IsError);
        Assert.Contains("started", result.Content);
        Assert.Contains("timed out after 1s", result.Content);
        await AssertProcessEndsAsync(int.Parse(File.ReadAllText(_workspace.File("bg.pid")).Trim()));
    }

    [Fact]
    public async Task Exec_Timeout_KillsADetachedGrandchildTheShellNoLongerOwns()
    {
        // The subshell exits at once, so the sleep is re-parented and no longer a descendant: only the process group finds it.
        var result = await _exec.InvokeAsync("""{"command":"(sleep 30 & echo $! > orphan.pid); sleep 30","timeoutSeconds":1}""", _workspace.Path);

        Assert.Contains("timed out", result.Content);
        await AssertProcessEndsAsync(int.Parse(File.ReadAllText(_workspace.File("orphan.pid")).Trim()));
    }

    [Fact]
    public async Task Exec_BackgroundProcessHoldingTheOutput_ReturnsAfterTheGraceWithANote()
    {
        var stopwatch = Stopwatch.StartNew();

        var result = await _exec.InvokeAsync("""{"command":"sleep 30 & echo $! > held.pid; echo quick"}""", _workspace.Path);

        var pid = int.Parse(File.ReadAllText(_workspace.File("held.pid")).Trim());
        try
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
            Assert.False(result.IsError, result.Content);
            Assert.StartsWith("quick", result.Content);
            Assert.Contains("a background process kept the output open", result.Content);
        }
        finally
        {
            Process.GetProcessById(pid).Kill();
        }
    }

    [Fact]
    public async Task Exec_Cancellation_KillsTheCommandAndThrows()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _exec.InvokeAsync("""{"command":"echo $$ > shell.pid; sleep 30"}""", _workspace.Path, cancellationToken: cancellation.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        await AssertProcessEndsAsync(int.Parse(File.ReadAllText(_workspace.File("shell.pid")).Trim()));
    }

    [Fact]
    public async Task Exec_LargeOutput_KeepsHeadAndTailAndCountsTheDroppedMiddle()
    {
        const int total = 200_000;

        var result = await _exec.InvokeAsync($$"""{"command":"printf 'HEAD'; head -c {{total}} /dev/zero | tr '\\0' x; printf 'TAIL'"}""", _workspace.Path);

        var dropped = total + 8 - ShellRunner.HeadBytes - ShellRunner.TailBytes;
        Assert.StartsWith("HEAD", result.Content);
        Assert.Contains($"[… {dropped} bytes truncated …]", result.Content);
        Assert.Contains("TAIL\n\n[exit code 0]", result.Content);
        Assert.True(result.Content.Length < ShellRunner.HeadBytes + ShellRunner.TailBytes + 200, $"length {result.Content.Length}");
    }

    [Fact]
    public async Task Exec_NoOutput_SaysSo()
    {
        var result = await _exec.InvokeAsync("""{"command":"true"}""", _workspace.Path);

        Assert.Equal("(no output)\n\n[exit code 0]", result.Content);
    }

    [Theory]
    [InlineData("""{}""", "'command' is required")]
    [InlineData("""{"command":""}""", "'command' must not be empty")]
    [InlineData("""{"command":"true","timeoutSeconds":601}""", "between 1 and 600")]
    [InlineData("""{"command":"true","timeoutSeconds":"soon"}""", "must be an integer")]
    public async Task Exec_BadArguments_AreErrorResultsNamingTheArgument(string arguments, string expected)
    {
        var result = await _exec.InvokeAsync(arguments, _workspace.Path);

        Assert.True(result.IsError);
        Assert.Contains(expected, result.Content);
    }

    [Fact]
    public void Exec_Schema_RequiresCommandAndBoundsTheTimeout()
    {
        var schema = _exec.ParametersSchema;

        Assert.Equal("object", (string?)schema["type"]);
        Assert.Equal("command", (string?)schema["required"]![0]);
        Assert.Equal(600, (int?)schema["properties"]!["timeoutSeconds"]!["maximum"]);
        Assert.NotSame(schema, _exec.ParametersSchema);
    }

    /// <summary>Gone, or a zombie nobody reaps (PID 1 in this container does not reap orphans).</summary>
    private static async Task AssertProcessEndsAsync(int pid)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ToolTestTimeouts.Default)
        {
            if (!IsRunning(pid)) return;
            await Task.Delay(50);
        }
        Assert.Fail($"process {pid} was still running {ToolTestTimeouts.Default.TotalSeconds}s after the command ended");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[stat.LastIndexOf(')') + 2];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
