using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Agents.Tools.Exec;

/// <summary>
/// <c>exec</c>: runs a bash command in the agent's workspace (or a directory inside it) and reports the combined
/// output, capped, and the exit code. A non-zero exit or a timeout is an error result, as in OpenClaw.
/// </summary>
public sealed class ExecTool(ShellRunner runner) : AgentTool
{
    public const int DefaultTimeoutSeconds = 60;
    public const int MaxTimeoutSeconds = 600;

    public override string Name => ToolNames.Exec;

    public override string Description =>
        "Run a shell command with /bin/bash -c in the agent workspace. stdin is closed; stdout and stderr are returned "
        + $"together (long output keeps its start and end). Default timeout {DefaultTimeoutSeconds}s, at most {MaxTimeoutSeconds}s; "
        + "on timeout every process the command started is killed.";

    protected override JsonObject CreateSchema() => new ToolSchemaBuilder()
        .String("command", "The bash command to run.", required: true)
        .String("cwd", "Working directory, relative to the workspace or absolute inside it. Default: the workspace.")
        .Integer("timeoutSeconds", $"Seconds before the command is killed (default {DefaultTimeoutSeconds}).", 1, MaxTimeoutSeconds)
        .Build();

    protected override async Task<ToolResult> ExecuteAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var command = arguments.RequiredString("command");
        var timeout = TimeSpan.FromSeconds(arguments.OptionalInt("timeoutSeconds", 1, MaxTimeoutSeconds) ?? DefaultTimeoutSeconds);
        var cwd = WorkingDirectory(context.Workspace, arguments.OptionalString("cwd"));

        ShellOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(new ShellCommand(command, cwd, timeout), cancellationToken);
        }
        catch (Win32Exception e)
        {
            return ToolResult.Error($"exec could not start /bin/bash: {e.Message}");
        }

        return new ToolResult(Format(outcome, timeout), IsError: outcome.TimedOut || outcome.ExitCode != 0);
    }

    private static string WorkingDirectory(string workspace, string? cwd)
    {
        var root = WorkspacePathResolver.Root(workspace);
        if (string.IsNullOrWhiteSpace(cwd)) return root;
        var resolved = WorkspacePathResolver.Resolve(workspace, cwd);
        return Directory.Exists(resolved) ? resolved : throw new ToolInputException($"exec: cwd '{cwd}' is not a directory");
    }

    private static string Format(ShellOutcome outcome, TimeSpan timeout)
    {
        var text = new StringBuilder(outcome.Output.Length + 128);
        text.Append(outcome.OutputBytes == 0 ? "(no output)" : outcome.Output.TrimEnd('\n'));
        text.Append("\n\n");
        if (outcome.TimedOut)
        {
            text.Append(CultureInfo.InvariantCulture, $"[timed out after {timeout.TotalSeconds:0}s; the command and every process it started were killed]");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"[exit code {outcome.ExitCode}]");
        }
        if (outcome.OutputStillOpen)
            text.Append("\n[a background process kept the output open; reading stopped when the command exited]");
        return text.ToString();
    }
}
