using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Tools;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>
/// Runs the tool calls of one model turn in order, publishing <c>tool</c> start/result events. A missing tool or a
/// tool that throws becomes an error result the model sees; it never fails the run. Only cancellation propagates.
/// </summary>
internal sealed partial class ToolInvoker(IReadOnlyList<IAgentTool> tools, ToolContext context, RunEventEmitter events, TimeProvider time, ILogger logger)
{
    public async Task<IReadOnlyList<ChatMessage>> InvokeAsync(IReadOnlyList<ToolCallPart> calls, CancellationToken cancellationToken)
    {
        var results = new List<ChatMessage>(calls.Count);
        foreach (var call in calls)
        {
            await events.AgentAsync(AgentStreams.Tool, new JsonObject
            {
                ["phase"] = "start",
                ["name"] = call.Name,
                ["toolCallId"] = call.Id,
                ["args"] = call.Arguments.DeepClone(),
            }, cancellationToken);

            var result = await InvokeOneAsync(call, cancellationToken);
            await events.AgentAsync(AgentStreams.Tool, new JsonObject
            {
                ["phase"] = "result",
                ["name"] = call.Name,
                ["toolCallId"] = call.Id,
                ["result"] = result.Content,
                ["isError"] = result.IsError,
            }, cancellationToken);

            results.Add(new ChatMessage
            {
                Role = ChatRoles.ToolResult,
                ToolCallId = call.Id,
                ToolName = call.Name,
                Content = [new TextPart(result.Content)],
                IsError = result.IsError,
                Timestamp = time.GetUtcNow().ToUnixTimeMilliseconds(),
            });
        }

        return results;
    }

    private async Task<ToolResult> InvokeOneAsync(ToolCallPart call, CancellationToken cancellationToken)
    {
        var tool = tools.FirstOrDefault(t => string.Equals(t.Name, call.Name, StringComparison.Ordinal));
        if (tool is null) return ToolResult.Error($"Tool '{call.Name}' is not available to this agent.");
        try
        {
            return await tool.InvokeAsync((JsonObject)call.Arguments.DeepClone(), context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogToolFailed(exception, call.Name, context.SessionKey);
            return ToolResult.Error($"Tool '{call.Name}' failed: {exception.Message}");
        }
    }

    [LoggerMessage(3120, LogLevel.Warning, "Tool {Tool} threw in session {SessionKey}; the model gets an error result")]
    private partial void LogToolFailed(Exception exception, string tool, string sessionKey);
}
