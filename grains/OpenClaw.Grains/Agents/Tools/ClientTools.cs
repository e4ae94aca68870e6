using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Grains.Agents.Tools;

/// <summary>
/// How a run treats the client tools of its request: offered to the model after the agent's own tools (an agent tool
/// of the same name wins; the gateway rejects such requests before they get here), the client's <c>tool_choice</c>
/// applied to the first model call only (later calls follow tool results and must be free to answer), and the run
/// stopped after a model turn that called one of them.
/// </summary>
public static class ClientTools
{
    /// <summary>The run's stop reason when it ends on client tool calls (OpenAI's <c>finish_reason</c>).</summary>
    public const string StopReason = "tool_calls";

    public static IReadOnlyList<IAgentTool> Merge(IReadOnlyList<IAgentTool> agentTools, ClientToolSet? clientTools)
    {
        if (clientTools is not { Tools.Count: > 0 }) return agentTools;
        var names = agentTools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return [.. agentTools, .. clientTools.Tools.Where(t => names.Add(t.Name)).Select(t => new ClientTool(t))];
    }

    public static ClientToolChoice? ChoiceFor(ClientToolSet? clientTools, int turn) => turn == 1 ? clientTools?.Choice : null;

    /// <summary>The calls of one model turn that go to the client (empty when the run goes on).</summary>
    public static IReadOnlyList<PendingToolCall> PendingCalls(IReadOnlyList<IAgentTool> tools, IReadOnlyList<ToolCallPart> calls)
    {
        List<PendingToolCall>? pending = null;
        foreach (var call in calls)
        {
            if (tools.FirstOrDefault(t => string.Equals(t.Name, call.Name, StringComparison.Ordinal)) is not ClientTool) continue;
            (pending ??= []).Add(new PendingToolCall(call.Id, call.Name, call.Arguments.ToJsonString()));
        }

        return pending ?? [];
    }
}
