using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// Source-generated JSON for the chat, agent and session-management methods and the <c>chat</c>/<c>agent</c>/
/// <c>sessions.changed</c> events. A context of its own for the reason given on <see cref="MethodsJson"/>; the options
/// must stay identical to <see cref="ProtocolJson"/>'s.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(ChatSendParams))]
[JsonSerializable(typeof(ChatSendResult))]
[JsonSerializable(typeof(ChatHistoryParams))]
[JsonSerializable(typeof(ChatHistoryResult))]
[JsonSerializable(typeof(ChatAbortParams))]
[JsonSerializable(typeof(ChatAbortResult))]
[JsonSerializable(typeof(ChatInjectParams))]
[JsonSerializable(typeof(ChatInjectResult))]
[JsonSerializable(typeof(AgentParams))]
[JsonSerializable(typeof(AgentAcceptedResult))]
[JsonSerializable(typeof(AgentFinalResult))]
[JsonSerializable(typeof(AgentWaitParams))]
[JsonSerializable(typeof(AgentWaitResult))]
[JsonSerializable(typeof(SessionsPreviewParams))]
[JsonSerializable(typeof(SessionsPreviewResult))]
[JsonSerializable(typeof(SessionsPatchParams))]
[JsonSerializable(typeof(SessionsPatchResult))]
[JsonSerializable(typeof(SessionsResetParams))]
[JsonSerializable(typeof(SessionsResetResult))]
[JsonSerializable(typeof(SessionsDeleteParams))]
[JsonSerializable(typeof(SessionsDeleteResult))]
[JsonSerializable(typeof(SessionsCompactParams))]
[JsonSerializable(typeof(SessionsCompactResult))]
[JsonSerializable(typeof(SessionsSubscribeParams))]
[JsonSerializable(typeof(SessionsSubscribeResult))]
[JsonSerializable(typeof(SessionsMessagesSubscribeParams))]
[JsonSerializable(typeof(SessionsMessagesSubscribeResult))]
[JsonSerializable(typeof(ChatEventPayload))]
[JsonSerializable(typeof(AgentEventPayload))]
[JsonSerializable(typeof(SessionsChangedPayload))]
public sealed partial class SessionMethodsJson : JsonSerializerContext;
