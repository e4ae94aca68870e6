using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors;
using OpenClaw.Actors.Streams;
using OpenClaw.Gateway.Protocol;
using OpenClaw.GrainInterfaces.Events;

namespace OpenClaw.Gateway.Events.SessionEvents;

/// <summary>
/// The front node's one subscription to every session stream (namespace <see cref="SessionStreams.Namespace"/>; a
/// topic binding in cluster mode): it fans <c>chat</c>, <c>agent</c> and <c>sessions.changed</c> out to the
/// connections, records which session each run belongs to, and completes the waiters of <c>agent</c>/<c>agent.wait</c>.
/// <para>
/// Overflow rule: the subscription's queue (<see cref="QueueCapacity"/> items) uses
/// <see cref="StreamOverflowPolicy.Wait"/>, never DropOldest, because one queue carries deltas and terminal events
/// alike and a dropped <c>final</c> or <c>RunCompleted</c> would leave clients and waiters hanging. Waiting is cheap
/// here: the handler never blocks (it only enqueues to each connection's bounded send queue), so the queue fills only
/// when this process is starved, and then publishers slow down instead of losing events. Per-connection slowness is
/// handled where it belongs: deltas are dropIfSlow there, terminal events close a hopeless consumer.
/// </para>
/// </summary>
internal sealed partial class SessionEventRelay(
    IClusterClient cluster,
    IGatewayEventBroadcaster broadcaster,
    SessionSubscriptions subscriptions,
    RunSessionDirectory runs,
    RunCompletionRegistry completions,
    ILogger<SessionEventRelay> logger) : IHostedService
{
    public const int QueueCapacity = 4096;

    private StreamSubscriptionHandle? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = cluster.GetStreamProvider(StreamProviderNames.Default);
        _subscription = await provider.SubscribeNamespaceAsync<SessionStreamEvent>(
            SessionStreams.Namespace,
            OnEventAsync,
            new StreamSubscriptionOptions { Capacity = QueueCapacity, OverflowPolicy = StreamOverflowPolicy.Wait }).ConfigureAwait(false);
        LogSubscribed(logger, SessionStreams.Namespace);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is { } subscription)
        {
            await subscription.UnsubscribeAsync().ConfigureAwait(false);
        }
    }

    private Task OnEventAsync(StreamId streamId, SessionStreamEvent item, CancellationToken cancellationToken)
    {
        try
        {
            Relay(item);
        }
        catch (Exception exception)
        {
            // One bad event must not stop the relay for every other session.
            LogRelayFailed(logger, exception, item.SessionKey, item.GetType().Name);
        }

        return Task.CompletedTask;
    }

    private void Relay(SessionStreamEvent item)
    {
        var json = SessionMethodsJson.Default;
        switch (item)
        {
            case ChatStreamEvent chat:
                runs.Remember(chat.RunId, chat.SessionKey);
                broadcaster.Broadcast(
                    SessionEventNames.Chat, SessionEventPayloads.Chat(chat), json.ChatEventPayload,
                    SessionEventAudience.RunEvent(subscriptions, chat.SessionKey), chat.Droppable);
                break;
            case AgentStreamEvent agent:
                runs.Remember(agent.RunId, agent.SessionKey);
                var audience = agent.Stream == SessionEventNames.ToolStream
                    ? SessionEventAudience.ToolEvent(subscriptions, agent.SessionKey)
                    : SessionEventAudience.RunEvent(subscriptions, agent.SessionKey);
                broadcaster.Broadcast(SessionEventNames.Agent, SessionEventPayloads.Agent(agent), json.AgentEventPayload, audience, agent.Droppable);
                break;
            case SessionChangedEvent changed:
                broadcaster.Broadcast(
                    SessionEventNames.SessionsChanged, SessionEventPayloads.SessionChanged(changed), json.SessionsChangedPayload,
                    SessionEventAudience.SessionChange(subscriptions, changed.SessionKey));
                break;
            case RunCompleted completed:
                runs.Remember(completed.Run.RunId, completed.SessionKey);
                completions.Complete(completed.Run);
                break;
        }
    }

    [LoggerMessage(1500, LogLevel.Debug, "Relaying session events from stream namespace {StreamNamespace}")]
    private static partial void LogSubscribed(ILogger logger, string streamNamespace);

    [LoggerMessage(1501, LogLevel.Error, "Relaying a {EventType} event of session {SessionKey} failed")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string sessionKey, string eventType);
}
