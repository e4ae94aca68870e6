using System.Text.Json.Nodes;
using OpenClaw.Actors;
using OpenClaw.Grains.Agents.Tools;

namespace OpenClaw.Grains.Tests.Tools.Support;

/// <summary>Calls a tool the way the agent runner does: JSON arguments and a context for agent <c>main</c>.</summary>
public static class ToolInvocation
{
    public static Task<ToolResult> InvokeAsync(
        this IAgentTool tool, string argumentsJson, string workspace,
        IGrainFactory? grains = null, string sessionKey = "agent:main:main", string agentId = "main",
        CancellationToken cancellationToken = default)
    {
        var arguments = JsonNode.Parse(argumentsJson)!.AsObject();
        var context = new ToolContext(agentId, sessionKey, workspace, grains ?? new NoGrains());
        return tool.InvokeAsync(arguments, context, cancellationToken).WaitAsync(ToolTestTimeouts.Default * 3);
    }

    /// <summary>For tools that must not touch grains: any call fails the test.</summary>
    private sealed class NoGrains : IGrainFactory
    {
        public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey =>
            throw new InvalidOperationException($"This tool test expected no grain call (asked for {typeof(TGrainInterface).Name} '{primaryKey}').");
    }
}
