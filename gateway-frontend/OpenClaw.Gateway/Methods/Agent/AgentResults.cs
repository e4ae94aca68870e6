using System.Text.Json.Nodes;
using OpenClaw.Gateway.Methods.Chat;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Methods.Agent;

/// <summary>
/// A run's terminal snapshot as the <c>agent</c> final response and the <c>agent.wait</c> result. An ok run
/// completed; an aborted run is ok with summary <c>aborted</c> (its partial reply kept); a run that timed out is
/// <c>timeout</c>/failed; a failed run is an <c>UNAVAILABLE</c> error carrying the run's message.
/// </summary>
internal static class AgentResults
{
    public const string Visible = "visible";

    public static AgentFinalResult Final(RunSnapshot run)
    {
        switch (run.Status)
        {
            case RunStatuses.Ok:
                return Completed(run, RunStatuses.Ok, "completed", stopReason: null);
            case RunStatuses.Aborted:
                return Completed(run, RunStatuses.Ok, "aborted", run.StopReason ?? "aborted");
            case RunStatuses.Timeout:
                return Completed(run, RunStatuses.Timeout, "failed", run.StopReason);
            default:
                throw new RpcException(ErrorCodes.Unavailable, run.ErrorMessage ?? "the agent run failed")
                {
                    Details = new JsonObject { ["runId"] = run.RunId, ["errorKind"] = run.ErrorKind ?? "unknown" },
                };
        }
    }

    /// <summary>The final response of a repeated key whose run is still going.</summary>
    public static AgentFinalResult InFlight(string runId) => new() { RunId = runId, Status = RunStatuses.InFlight };

    /// <summary>The final response of a reset command with nothing to run after it.</summary>
    public static AgentFinalResult ResetOnly(string runId, string? sessionId) => new()
    {
        RunId = runId,
        Status = RunStatuses.Ok,
        Summary = "completed",
        Result = new AgentRunResult([], new AgentResultMeta(0, new AgentMeta { SessionId = sessionId, Usage = ChatMessageJson.Usage(null) }, false)),
    };

    public static AgentWaitResult Wait(RunSnapshot run)
    {
        var failed = run.Status is RunStatuses.Error or RunStatuses.Timeout;
        return new AgentWaitResult
        {
            RunId = run.RunId,
            Status = failed ? RunStatuses.Error : RunStatuses.Ok,
            StartedAt = run.StartedAt,
            EndedAt = run.EndedAt,
            Error = failed ? run.ErrorMessage ?? "the agent run failed" : null,
            StopReason = run.StopReason,
            TerminalReply = !failed && run.ReplyText is { Length: > 0 } text ? new TerminalReply(Visible, text) : null,
        };
    }

    private static AgentFinalResult Completed(RunSnapshot run, string status, string summary, string? stopReason)
    {
        var payloads = run.ReplyText is { Length: > 0 } text ? new[] { new AgentPayload(text, null) } : [];
        var durationMs = run.StartedAt is { } started && run.EndedAt is { } ended ? Math.Max(0, ended - started) : 0;
        var meta = new AgentMeta
        {
            SessionId = run.SessionId,
            Provider = run.Provider,
            Model = run.Model,
            Usage = ChatMessageJson.Usage(run.Usage),
        };
        return new AgentFinalResult
        {
            RunId = run.RunId,
            Status = status,
            Summary = summary,
            StopReason = stopReason,
            Result = new AgentRunResult(payloads, new AgentResultMeta(durationMs, meta, run.Status == RunStatuses.Aborted)),
        };
    }
}
