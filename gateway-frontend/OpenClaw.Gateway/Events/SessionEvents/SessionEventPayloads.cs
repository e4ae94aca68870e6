using OpenClaw.Gateway.Methods.Chat;
using OpenClaw.Gateway.Methods.Sessions;
using OpenClaw.Gateway.Protocol;
using OpenClaw.GrainInterfaces.Events;

namespace OpenClaw.Gateway.Events.SessionEvents;

/// <summary>Session stream events in the protocol's payload shapes (capture 14).</summary>
internal static class SessionEventPayloads
{
    public static ChatEventPayload Chat(ChatStreamEvent chat) => new()
    {
        RunId = chat.RunId,
        SessionKey = chat.SessionKey,
        AgentId = chat.AgentId,
        Seq = chat.Seq,
        State = chat.State,
        Phase = chat.Phase,
        // The schema requires deltaText on a delta.
        DeltaText = chat.State == ChatStates.Delta ? chat.DeltaText ?? "" : chat.DeltaText,
        Replace = chat.Replace,
        StopReason = chat.StopReason,
        Message = chat.Message is { } message ? ChatMessageJson.EventMessage(message) : null,
        Usage = chat.Usage is { } usage ? ChatMessageJson.Usage(usage) : null,
        ErrorMessage = chat.ErrorMessage,
        ErrorKind = chat.ErrorKind,
    };

    public static AgentEventPayload Agent(AgentStreamEvent agent) => new()
    {
        RunId = agent.RunId,
        SessionKey = agent.SessionKey,
        SessionId = agent.SessionId,
        AgentId = agent.AgentId,
        Stream = agent.Stream,
        Data = agent.Data,
        Seq = agent.Seq,
        Ts = agent.Ts,
    };

    public static SessionsChangedPayload SessionChanged(SessionChangedEvent changed) => new()
    {
        SessionKey = changed.SessionKey,
        AgentId = changed.AgentId,
        SessionId = changed.SessionId ?? changed.Entry?.SessionId,
        Reason = changed.Reason,
        Session = changed.Entry is { } entry ? SessionRows.From(entry, changed.AgentId, includeLastMessage: false) : null,
    };
}
