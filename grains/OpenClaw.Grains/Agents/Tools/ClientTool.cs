using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Grains.Agents.Tools;

/// <summary>
/// A tool an HTTP client offered (<see cref="ClientToolDefinition"/>), as the run sees it: the model can call it like
/// any agent tool, but calling it only records a <c>pending</c> result, so the transcript stays a valid call/result
/// sequence for the next model call, and the run then stops so the client can run it (<see cref="ClientTools"/>).
/// </summary>
internal sealed class ClientTool(ClientToolDefinition definition) : IAgentTool
{
    public string Name => definition.Name;

    public string Description => definition.Description ?? "";

    public JsonObject ParametersSchema => definition.Parameters;

    public Task<ToolResult> InvokeAsync(JsonObject arguments, ToolContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new ToolResult(new JsonObject
        {
            ["status"] = "pending",
            ["tool"] = Name,
            ["message"] = "Tool execution delegated to client",
        }.ToJsonString()));
}
