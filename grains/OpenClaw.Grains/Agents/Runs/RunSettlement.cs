using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>
/// The terminal events of a run, by outcome: ok → lifecycle <c>end</c> with the visible reply, then chat
/// <c>final</c>; aborted → lifecycle <c>end</c> (aborted) then chat <c>aborted</c>; error/timeout → lifecycle
/// <c>error</c> then chat <c>error</c> with its kind.
/// </summary>
public static class RunSettlement
{
    public static async Task PublishTerminalAsync(RunEventEmitter events, RunOutcome outcome, long startedAt, CancellationToken cancellationToken)
    {
        var endedAt = events.NowMs;
        switch (outcome.Status)
        {
            case RunStatuses.Ok:
                await events.LifecycleAsync(new JsonObject
                {
                    ["phase"] = "end",
                    ["startedAt"] = startedAt,
                    ["endedAt"] = endedAt,
                    ["aborted"] = false,
                    ["stopReason"] = outcome.StopReason,
                    ["terminalReply"] = new JsonObject { ["disposition"] = "visible", ["text"] = outcome.ReplyText ?? "" },
                }, cancellationToken);
                await events.ChatAsync(events.NewChat(ChatStates.Final) with
                {
                    Message = outcome.LastMessage,
                    StopReason = outcome.StopReason,
                    Usage = outcome.Usage,
                }, cancellationToken);
                break;
            case RunStatuses.Aborted:
                await events.LifecycleAsync(new JsonObject
                {
                    ["phase"] = "end",
                    ["startedAt"] = startedAt,
                    ["endedAt"] = endedAt,
                    ["aborted"] = true,
                    ["stopReason"] = "aborted",
                }, cancellationToken);
                await events.ChatAsync(events.NewChat(ChatStates.Aborted) with
                {
                    StopReason = "aborted",
                    Message = outcome.LastMessage,
                }, cancellationToken);
                break;
            default:
                await events.LifecycleAsync(new JsonObject
                {
                    ["phase"] = "error",
                    ["startedAt"] = startedAt,
                    ["endedAt"] = endedAt,
                    ["aborted"] = false,
                    ["error"] = outcome.ErrorMessage,
                }, cancellationToken);
                await events.ChatAsync(events.NewChat(ChatStates.Error) with
                {
                    ErrorMessage = outcome.ErrorMessage,
                    ErrorKind = outcome.ErrorKind ?? "unknown",
                    StopReason = outcome.StopReason,
                }, cancellationToken);
                break;
        }
    }
}
