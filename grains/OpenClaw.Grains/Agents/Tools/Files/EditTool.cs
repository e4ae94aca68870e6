using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Agents.Tools.Files;

/// <summary>
/// <c>edit</c>: replaces an exact piece of text in a workspace file. The match must be unique unless
/// <c>replaceAll</c> is set, so an edit never lands somewhere the model did not mean.
/// </summary>
public sealed class EditTool : AgentTool
{
    public override string Name => ToolNames.Edit;

    public override string Description =>
        "Replace exact text in a file in the agent workspace. oldText must match exactly (whitespace included) and "
        + "must occur once, unless replaceAll is true. The file is rewritten atomically.";

    protected override JsonObject CreateSchema() => new ToolSchemaBuilder()
        .String("path", "File path, relative to the workspace (or absolute inside it).", required: true)
        .String("oldText", "The exact text to replace.", required: true)
        .String("newText", "The replacement text.", required: true)
        .Boolean("replaceAll", "Replace every occurrence instead of requiring exactly one (default false).")
        .Build();

    protected override async Task<ToolResult> ExecuteAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var oldText = arguments.RequiredString("oldText");
        var newText = arguments.RequiredString("newText", allowEmpty: true);
        var replaceAll = arguments.OptionalBool("replaceAll", false);

        var real = WorkspaceFiles.ExistingFile(Name, context.Workspace, path);
        var file = await WorkspaceFiles.ReadTextAsync(Name, real, path, cancellationToken);
        var matches = CountOccurrences(file.Text, oldText);
        if (matches == 0)
            return ToolResult.Error($"edit: oldText was not found in '{path}'; it must match the file exactly, whitespace and line breaks included");
        if (matches > 1 && !replaceAll)
            return ToolResult.Error($"edit: oldText occurs {matches} times in '{path}'; include more surrounding text to make it unique, or set replaceAll to true");

        var updated = replaceAll ? file.Text.Replace(oldText, newText, StringComparison.Ordinal) : ReplaceFirst(file.Text, oldText, newText);
        await WorkspaceFiles.WriteTextAtomicAsync(real, updated, file.HasBom, cancellationToken);
        var what = matches == 1 ? "1 occurrence" : $"{matches} occurrences";
        return new ToolResult($"Replaced {what} in {WorkspaceFiles.Display(context.Workspace, real)}");
    }

    /// <summary>Non-overlapping occurrences, the way <see cref="string.Replace(string, string?, StringComparison)"/> counts them.</summary>
    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static string ReplaceFirst(string text, string oldText, string newText)
    {
        var at = text.IndexOf(oldText, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), newText, text.AsSpan(at + oldText.Length));
    }
}
