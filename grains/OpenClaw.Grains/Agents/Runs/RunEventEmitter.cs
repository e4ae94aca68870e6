using System.Text.Json.Nodes;
using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>
/// Publishes one run's <c>agent</c> and <c>chat</c> events in the protocol's shapes. Seq is per run: each agent event
/// takes the next number and a chat event carries the number of the agent event it mirrors (as the real gateway
/// does: a delta shares the seq of its <c>assistant</c> event, a final that of lifecycle <c>end</c>). Used by one
/// party at a time: the run while it works, then its session when it settles the run.
/// </summary>
public sealed class RunEventEmitter(
    IAsyncStream<SessionStreamEvent> stream, string sessionKey, string agentId, string sessionId, string runId, TimeProvider time, long seq = 0)
{
    public string RunId => runId;
    public string SessionId => sessionId;

    /// <summary>The last seq used.</summary>
    public long Seq { get; private set; } = seq;

    public long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public Task AgentAsync(string streamName, JsonObject data, CancellationToken cancellationToken)
    {
        Seq++;
        return stream.OnNextAsync(new AgentStreamEvent
        {
            SessionKey = sessionKey,
            AgentId = agentId,
            RunId = runId,
            SessionId = sessionId,
            Seq = Seq,
            Stream = streamName,
            Ts = NowMs,
            Data = data,
        }, cancellationToken);
    }

    public Task ChatAsync(ChatStreamEvent template, CancellationToken cancellationToken) =>
        stream.OnNextAsync(template with { SessionKey = sessionKey, AgentId = agentId, RunId = runId, Seq = Seq }, cancellationToken);

    public Task LifecycleAsync(JsonObject data, CancellationToken cancellationToken) => AgentAsync(AgentStreams.Lifecycle, data, cancellationToken);

    /// <summary>A run phase, as both the agent <c>run_status</c> stream and a chat <c>status</c> event.</summary>
    public async Task StatusAsync(string phase, CancellationToken cancellationToken)
    {
        await AgentAsync(AgentStreams.RunStatus, new JsonObject { ["phase"] = phase }, cancellationToken);
        await ChatAsync(NewChat(ChatStates.Status) with { Phase = phase }, cancellationToken);
    }

    public Task ChatDeltaAsync(string deltaText, ChatMessage cumulative, CancellationToken cancellationToken) =>
        ChatAsync(NewChat(ChatStates.Delta) with { DeltaText = deltaText, Message = cumulative }, cancellationToken);

    public ChatStreamEvent NewChat(string state) =>
        new() { SessionKey = sessionKey, AgentId = agentId, RunId = runId, Seq = Seq, State = state };
}

/// <summary>Names of the agent event streams this gateway publishes.</summary>
public static class AgentStreams
{
    public const string Lifecycle = "lifecycle";
    public const string RunStatus = "run_status";
    public const string Assistant = "assistant";
    public const string Thinking = "thinking";
    public const string Tool = "tool";
    public const string Usage = "usage";
    public const string Compaction = "compaction";
}

/// <summary>Chat <c>status</c> phases (the real gateway's names).</summary>
public static class RunPhases
{
    public const string PreparingWorkspace = "preparing_workspace";
    public const string PreparingContext = "preparing_context";
    public const string StartingModel = "starting_model";
}
