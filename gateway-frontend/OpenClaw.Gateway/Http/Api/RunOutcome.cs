using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>How a finished run reads to HTTP clients: its reply text, stop reason and a safe error line.</summary>
internal static class RunOutcome
{
    public const string EmptyReply = "No response from OpenClaw.";

    public static bool Succeeded(RunSnapshot run) => run.Status == RunStatuses.Ok;

    /// <summary>The reply, or OpenClaw's placeholder when the agent said nothing.</summary>
    public static string ReplyOrPlaceholder(RunSnapshot run) => string.IsNullOrEmpty(run.ReplyText) ? EmptyReply : run.ReplyText;

    /// <summary><c>tool_calls</c> when the run stopped on client tool calls, <c>length</c> when the model hit its token limit, else <c>stop</c>.</summary>
    public static string FinishReason(RunSnapshot run) =>
        run.PendingToolCalls.Count > 0 ? "tool_calls"
        : run.StopReason is "length" or "max_tokens" or "maxTokens" ? "length" : "stop";

    /// <summary>
    /// A description safe for clients: the status and the error kind, never the provider's message (it may carry
    /// internals such as upstream URLs).
    /// </summary>
    public static string ErrorLine(RunSnapshot run) => run.Status switch
    {
        RunStatuses.Timeout => "agent run timed out",
        RunStatuses.Aborted => "agent run was aborted",
        _ when run.ErrorKind is { Length: > 0 } kind && kind != "unknown" => $"agent run failed ({kind})",
        _ => "agent run failed",
    };
}
