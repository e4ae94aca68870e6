using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
using OpenClaw.GrainInterfaces.Tools;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Agents.Tools.Policy;

namespace OpenClaw.Grains.Agents.Tools;

/// <summary>
/// Runs tools for callers outside an agent run (key: the agent id). Stateless and reentrant, so concurrent calls never
/// wait for each other. A tool must pass the agent's policy and, over HTTP, OpenClaw's HTTP deny list
/// (<see cref="ToolPolicy.AllowsOverHttp"/>); anything else is reported as not found, so a caller cannot tell a
/// denied tool from a missing one.
/// </summary>
[Reentrant]
public sealed partial class ToolInvokerGrain(
    IToolCatalog catalog,
    IAgentPromptSource prompts,
    IOpenClawConfigSource config,
    ILogger<ToolInvokerGrain> logger) : Grain, IToolInvokerGrain
{
    private string AgentId => GetPrimaryKeyString();

    public async Task<ToolInvocationResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var tool = Find(invocation.Tool, invocation.OverHttp);
        if (tool is null)
        {
            LogToolRefused(AgentId, invocation.Tool);
            return ToolInvocationResult.NotFound(invocation.Tool);
        }

        if (invocation.DryRun) return new ToolInvocationResult(ToolInvocationStatus.Ok, Content: "");

        var context = new ToolContext(AgentId, invocation.SessionKey, prompts.WorkspaceFor(AgentId), GrainFactory);
        try
        {
            var result = await tool.InvokeAsync(Arguments(invocation), context, cancellationToken);
            return result.IsError
                ? new ToolInvocationResult(ToolInvocationStatus.ToolError, Message: result.Content)
                : new ToolInvocationResult(ToolInvocationStatus.Ok, Content: result.Content);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A tool that throws broke its own contract; the caller gets a generic message, the log gets the cause.
            LogToolFailed(exception, AgentId, tool.Name);
            return new ToolInvocationResult(ToolInvocationStatus.ToolError, Message: $"Tool '{tool.Name}' failed.");
        }
    }

    public Task<IReadOnlyList<ToolDescriptor>> ListAsync(CancellationToken cancellationToken = default)
    {
        var gatewayTools = GatewayTools(config.Current.Parsed);
        IReadOnlyList<ToolDescriptor> tools =
            [.. catalog.ToolsFor(AgentId).Select(t => new ToolDescriptor(t.Name, t.Description, ToolPolicy.AllowsOverHttp(t.Name, gatewayTools)))];
        return Task.FromResult(tools);
    }

    private IAgentTool? Find(string name, bool overHttp)
    {
        var tool = catalog.ToolsFor(AgentId).FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
        if (tool is null) return null;
        return !overHttp || ToolPolicy.AllowsOverHttp(tool.Name, GatewayTools(config.Current.Parsed)) ? tool : null;
    }

    private static JsonObject Arguments(ToolInvocation invocation)
    {
        var args = invocation.Args?.DeepClone() as JsonObject ?? [];
        if (invocation.Action is { Length: > 0 } action && !args.ContainsKey("action")) args["action"] = action;
        return args;
    }

    /// <summary><c>gateway.tools</c> is not in the typed config model, so it is read from the parsed document.</summary>
    private static ToolPolicyConfig? GatewayTools(JsonObject parsed)
    {
        if (parsed["gateway"] is not JsonObject gateway || gateway["tools"] is not JsonObject tools) return null;
        return new ToolPolicyConfig { Allow = Strings(tools["allow"]), Deny = Strings(tools["deny"]) };
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array
            ? [.. array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())]
            : [];

    [LoggerMessage(3700, LogLevel.Debug, "Agent {AgentId}: tool {Tool} refused (unknown or not allowed for this caller)")]
    private partial void LogToolRefused(string agentId, string tool);

    [LoggerMessage(3701, LogLevel.Warning, "Agent {AgentId}: tool {Tool} threw outside a run")]
    private partial void LogToolFailed(Exception exception, string agentId, string tool);
}
