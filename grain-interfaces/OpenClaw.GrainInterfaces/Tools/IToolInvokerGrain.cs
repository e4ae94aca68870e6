using OpenClaw.Actors;

namespace OpenClaw.GrainInterfaces.Tools;

/// <summary>
/// Runs one agent tool on behalf of a caller outside an agent run (<c>POST /tools/invoke</c>). Key: the agent id, whose
/// tool policy and workspace apply. It keeps no state, so calls interleave: a slow tool never queues the next call.
/// </summary>
[GrainType("toolinvoker")]
public interface IToolInvokerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the tool, or reports it as not found when it is unknown, not allowed for this agent, or (for
    /// <see cref="ToolInvocation.OverHttp"/>) not allowed over HTTP. A failing tool is a result, never an exception.
    /// </summary>
    [AlwaysInterleave]
    Task<ToolInvocationResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken = default);

    /// <summary>The tools this agent may use, each marked with whether HTTP callers may invoke it.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ToolDescriptor>> ListAsync(CancellationToken cancellationToken = default);
}
