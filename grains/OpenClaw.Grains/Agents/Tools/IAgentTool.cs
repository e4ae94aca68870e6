using System.Text.Json.Nodes;
using OpenClaw.Actors;

namespace OpenClaw.Grains.Agents.Tools;

/// <summary>
/// A tool the agent can call. A tool never throws for a bad call: it returns an error <see cref="ToolResult"/> so the
/// model can correct itself; only cancellation propagates.
/// </summary>
public interface IAgentTool
{
    string Name { get; }
    string Description { get; }
    /// <summary>JSON Schema (object) of the arguments.</summary>
    JsonObject ParametersSchema { get; }
    Task<ToolResult> InvokeAsync(JsonObject arguments, ToolContext context, CancellationToken cancellationToken);
}

/// <summary>What a tool call knows about where it runs.</summary>
public sealed record ToolContext(string AgentId, string SessionKey, string Workspace, IGrainFactory Grains);

public sealed record ToolResult(string Content, bool IsError = false)
{
    public static ToolResult Error(string message) => new(message, IsError: true);
}

/// <summary>The tools available to one agent after the allow/deny policy (<c>tools.allow/deny</c>, per agent).</summary>
public interface IToolCatalog
{
    IReadOnlyList<IAgentTool> ToolsFor(string agentId);
}
