using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Agents.Runs;

namespace OpenClaw.Grains.Sessions;

/// <summary>The session's stream (<see cref="SessionStreams.Events"/> on the default provider) and the events the grain itself publishes.</summary>
internal sealed class SessionEventPublisher(IAsyncStream<SessionStreamEvent> stream, string sessionKey, string agentId, TimeProvider time)
{
    /// <summary>The provider name of <c>OpenClaw.Actors.Streams.StreamProviderNames.Default</c> (not referenced from grains).</summary>
    public const string ProviderName = "default";

    public IAsyncStream<SessionStreamEvent> Stream => stream;

    public RunEventEmitter ForRun(string runId, string sessionId, long seq = 0) =>
        new(stream, sessionKey, agentId, sessionId, runId, time, seq);

    public Task SessionChangedAsync(string reason, string? sessionId, SessionEntry? entry, CancellationToken cancellationToken) =>
        stream.OnNextAsync(new SessionChangedEvent
        {
            SessionKey = sessionKey,
            AgentId = agentId,
            Reason = reason,
            SessionId = sessionId,
            Entry = entry,
        }, cancellationToken);

    public Task RunCompletedAsync(RunSnapshot run, CancellationToken cancellationToken) =>
        stream.OnNextAsync(new RunCompleted { SessionKey = sessionKey, AgentId = agentId, Run = run }, cancellationToken);
}
