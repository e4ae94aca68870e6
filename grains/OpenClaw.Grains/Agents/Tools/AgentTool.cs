using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Agents.Tools;

/// <summary>
/// Base of the built-in tools: it keeps the <see cref="IAgentTool"/> promise that a bad call never throws.
/// <see cref="ToolInputException"/> and file-system failures become error results; cancellation propagates.
/// </summary>
public abstract class AgentTool : IAgentTool
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>A fresh object on every read: callers may attach it to their own JSON tree, which a shared node forbids.</summary>
    public JsonObject ParametersSchema => CreateSchema();

    public async Task<ToolResult> InvokeAsync(JsonObject arguments, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await ExecuteAsync(new ToolArguments(Name, arguments ?? []), context, cancellationToken);
        }
        catch (ToolInputException e)
        {
            return ToolResult.Error(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            return ToolResult.Error($"{Name} failed: {e.Message}");
        }
    }

    protected abstract JsonObject CreateSchema();

    protected abstract Task<ToolResult> ExecuteAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken);
}
