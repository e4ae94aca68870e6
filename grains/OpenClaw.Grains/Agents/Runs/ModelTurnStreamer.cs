using System.Text;
using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Models;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>One model call of a run: streams it, publishing <c>lifecycle model</c>, <c>assistant</c>/<c>thinking</c>
/// events and throttled chat deltas, and assembles the assistant message with its tool calls.</summary>
internal sealed class ModelTurnStreamer(IModelRouter router, RunEventEmitter events, TimeProvider time)
{
    public sealed record TurnResult(ChatMessage Message, IReadOnlyList<ToolCallPart> ToolCalls);

    public async Task<TurnResult> StreamAsync(ModelChain chain, ModelRequest request, RunProgress progress, CancellationToken cancellationToken)
    {
        progress.TurnText.Clear();
        var text = progress.TurnText;
        var thinking = new StringBuilder();
        var calls = new List<ToolCallPart>();
        var coalescer = new ChatDeltaCoalescer(time);
        string? stopReason = null;
        UsageInfo? usage = null;

        await foreach (var routed in router.StreamAsync(chain, request, cancellationToken).WithCancellation(cancellationToken))
        {
            if (routed.Provider != progress.Provider || routed.Model != progress.Model)
            {
                progress.Provider = routed.Provider;
                progress.Model = routed.Model;
                await events.LifecycleAsync(new JsonObject { ["phase"] = "model", ["provider"] = routed.Provider, ["model"] = routed.Model }, cancellationToken);
            }

            progress.FailedAttempts = routed.FailedAttempts;
            switch (routed.Update)
            {
                case TextDelta delta:
                    text.Append(delta.Text);
                    await events.AgentAsync(AgentStreams.Assistant, new JsonObject { ["text"] = text.ToString(), ["delta"] = delta.Text }, cancellationToken);
                    if (coalescer.Add(delta.Text)) await FlushAsync(coalescer, text, cancellationToken);
                    break;
                case ThinkingDelta delta:
                    thinking.Append(delta.Text);
                    await events.AgentAsync(AgentStreams.Thinking, new JsonObject { ["text"] = thinking.ToString(), ["delta"] = delta.Text }, cancellationToken);
                    break;
                case ToolCallRequested call:
                    calls.Add(new ToolCallPart(call.Id, call.Name, call.Arguments));
                    break;
                case UsageReported reported:
                    usage = usage is null ? reported.Usage : usage + reported.Usage;
                    break;
                case ResponseCompleted completed:
                    stopReason = completed.StopReason;
                    break;
            }
        }

        await FlushAsync(coalescer, text, cancellationToken);
        progress.AddUsage(usage);
        var content = new List<ContentPart>();
        if (thinking.Length > 0) content.Add(new ThinkingPart(thinking.ToString()));
        if (text.Length > 0) content.Add(new TextPart(text.ToString()));
        content.AddRange(calls);
        var message = new ChatMessage
        {
            Role = ChatRoles.Assistant,
            Content = content,
            Provider = progress.Provider,
            Model = progress.Model,
            Usage = usage,
            StopReason = calls.Count > 0 ? "toolUse" : stopReason ?? "stop",
            Timestamp = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        return new TurnResult(message, calls);
    }

    private async Task FlushAsync(ChatDeltaCoalescer coalescer, StringBuilder text, CancellationToken cancellationToken)
    {
        if (coalescer.Take() is not { } pending) return;
        var cumulative = new ChatMessage
        {
            Role = ChatRoles.Assistant,
            Content = [new TextPart(text.ToString())],
            Timestamp = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        await events.ChatDeltaAsync(pending, cumulative, cancellationToken);
    }
}
