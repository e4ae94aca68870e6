using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Agents.Tools.Files;

/// <summary>
/// <c>read</c>: a window of lines of a text file in the workspace. The file is streamed, so its size does not
/// matter; what comes back is capped (<see cref="DefaultLineLimit"/> lines, <see cref="MaxOutputChars"/> characters,
/// <see cref="MaxLineChars"/> per line) with a note telling the model which offset continues.
/// </summary>
public sealed class ReadTool : AgentTool
{
    public const int DefaultLineLimit = 2000;
    public const int MaxLineLimit = 10_000;
    public const int MaxOutputChars = 50_000;
    public const int MaxLineChars = 2000;

    public override string Name => ToolNames.Read;

    public override string Description =>
        "Read a text file from the agent workspace. offset is the first line (1-based), limit the number of lines "
        + $"(default {DefaultLineLimit}). Output is capped at {MaxOutputChars} characters; a note gives the offset to continue from.";

    protected override JsonObject CreateSchema() => new ToolSchemaBuilder()
        .String("path", "File path, relative to the workspace (or absolute inside it).", required: true)
        .Integer("offset", "First line to return, 1-based (default 1).", 1, int.MaxValue)
        .Integer("limit", $"Maximum number of lines to return (default {DefaultLineLimit}).", 1, MaxLineLimit)
        .Boolean("lineNumbers", "Prefix each line with its number (default false).")
        .Build();

    protected override async Task<ToolResult> ExecuteAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var offset = arguments.OptionalInt("offset", 1, int.MaxValue) ?? 1;
        var limit = arguments.OptionalInt("limit", 1, MaxLineLimit) ?? DefaultLineLimit;
        var lineNumbers = arguments.OptionalBool("lineNumbers", false);

        var real = WorkspaceFiles.ExistingFile(Name, context.Workspace, path);
        await using var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 8192, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (await StartsBinaryAsync(stream, cancellationToken))
            return ToolResult.Error($"read: '{path}' looks like a binary file");

        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        while (lineNumber < offset - 1 && await reader.ReadLineAsync(cancellationToken) is not null) lineNumber++;
        if (lineNumber < offset - 1)
            return ToolResult.Error($"read: offset {offset} is beyond the end of '{path}' ({lineNumber} lines)");

        var output = new StringBuilder();
        var returned = 0;
        string? line;
        while (returned < limit && (line = await reader.ReadLineAsync(cancellationToken)) is not null)
        {
            lineNumber++;
            var shown = line.Length > MaxLineChars ? string.Concat(line.AsSpan(0, MaxLineChars), " … [line truncated]") : line;
            var formatted = lineNumbers ? string.Create(CultureInfo.InvariantCulture, $"{lineNumber,6}\t{shown}") : shown;
            if (returned > 0 && output.Length + formatted.Length + 1 > MaxOutputChars)
            {
                lineNumber--;
                return Result(output, $"[output capped at {MaxOutputChars} characters; continue with offset={lineNumber + 1}]");
            }
            output.Append(formatted).Append('\n');
            returned++;
        }

        if (returned == 0) return new ToolResult(offset == 1 ? "(empty file)" : $"(no lines at offset {offset})");
        var more = await reader.ReadLineAsync(cancellationToken) is not null;
        return Result(output, more ? $"[more lines follow; continue with offset={lineNumber + 1}]" : null);
    }

    private static async Task<bool> StartsBinaryAsync(FileStream stream, CancellationToken cancellationToken)
    {
        var probe = new byte[WorkspaceFiles.BinaryProbeBytes];
        var read = await stream.ReadAtLeastAsync(probe, probe.Length, throwOnEndOfStream: false, cancellationToken);
        stream.Position = 0;
        return WorkspaceFiles.LooksBinary(probe.AsSpan(0, read));
    }

    private static ToolResult Result(StringBuilder output, string? note)
    {
        if (note is not null) output.Append('\n').Append(note);
        else if (output.Length > 0 && output[^1] == '\n') output.Length--;
        return new ToolResult(output.ToString());
    }
}
