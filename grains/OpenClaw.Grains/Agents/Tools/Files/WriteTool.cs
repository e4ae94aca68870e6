using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Agents.Tools.Files;

/// <summary><c>write</c>: creates or replaces a file inside the workspace (parent directories created, atomic replace).</summary>
public sealed class WriteTool : AgentTool
{
    public override string Name => ToolNames.Write;

    public override string Description =>
        "Create or overwrite a file in the agent workspace with the given content. Parent directories are created. "
        + "Paths are relative to the workspace; paths outside it are refused.";

    protected override JsonObject CreateSchema() => new ToolSchemaBuilder()
        .String("path", "File path, relative to the workspace (or absolute inside it).", required: true)
        .String("content", "The complete new content of the file.", required: true)
        .Build();

    protected override async Task<ToolResult> ExecuteAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredString("path");
        var content = arguments.RequiredString("content", allowEmpty: true);
        var size = Encoding.UTF8.GetByteCount(content);
        if (size > WorkspaceFiles.MaxFileBytes)
            return ToolResult.Error($"write: content is {size} bytes; at most {WorkspaceFiles.MaxFileBytes} bytes can be written");

        var real = WorkspacePathResolver.Resolve(context.Workspace, path);
        if (Directory.Exists(real)) return ToolResult.Error($"write: '{path}' is a directory");

        var written = await WorkspaceFiles.WriteTextAtomicAsync(real, content, withBom: false, cancellationToken);
        return new ToolResult($"Wrote {written} bytes to {WorkspaceFiles.Display(context.Workspace, real)}");
    }
}
