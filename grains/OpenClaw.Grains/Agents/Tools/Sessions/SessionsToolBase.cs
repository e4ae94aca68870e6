using Microsoft.Extensions.Logging;
using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Agents.Tools.Sessions;

/// <summary>
/// Shared by the sessions_* tools: session key normalisation and the boundary around grain calls. A failed grain
/// call becomes an error result (the model can retry or give up) and is logged once here; a
/// <see cref="DomainException"/>'s message is meant for callers and is passed on, anything else only by type.
/// </summary>
public abstract partial class SessionsToolBase(ILogger logger) : AgentTool
{
    protected static string NormalizeKey(string toolName, string key, string agentId)
    {
        try
        {
            return SessionKeys.Normalize(key, agentId);
        }
        catch (ArgumentException e)
        {
            throw new ToolInputException($"{toolName}: {e.Message}");
        }
    }

    protected async Task<ToolResult> CallGrainAsync(string target, Func<Task<ToolResult>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (DomainException e)
        {
            return ToolResult.Error($"{Name}: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogGrainCallFailed(e, Name, target);
            return ToolResult.Error($"{Name}: the call to {target} failed ({e.GetType().Name})");
        }
    }

    [LoggerMessage(3610, LogLevel.Warning, "Tool {Tool} call to {Target} failed")]
    private partial void LogGrainCallFailed(Exception exception, string tool, string target);
}
