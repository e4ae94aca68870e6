using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// Source-generated JSON for the foundation method groups (system, config, models, agents, channels, logs, sessions)
/// and the HTTP <c>/status</c> body. Its own context rather than more <c>[JsonSerializable]</c> attributes on
/// <see cref="ProtocolJson"/>: the generator cannot merge attributes spread over several partial declarations
/// (dotnet/runtime#99669, it fails with a duplicate hint name). The options must stay identical to
/// <see cref="ProtocolJson"/>'s so both produce the same wire shape.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(EmptyMethodParams))]
[JsonSerializable(typeof(HealthParams))]
[JsonSerializable(typeof(HealthSummary))]
[JsonSerializable(typeof(StatusParams))]
[JsonSerializable(typeof(StatusSummary))]
[JsonSerializable(typeof(IReadOnlyList<PresenceEntry>))]
[JsonSerializable(typeof(LastHeartbeatResult))]
[JsonSerializable(typeof(ConfigGetResult))]
[JsonSerializable(typeof(ConfigSchemaResult))]
[JsonSerializable(typeof(ModelsListParams))]
[JsonSerializable(typeof(ModelsListResult))]
[JsonSerializable(typeof(AgentsListResult))]
[JsonSerializable(typeof(ChannelsStatusParams))]
[JsonSerializable(typeof(ChannelsStatusResult))]
[JsonSerializable(typeof(LogsTailParams))]
[JsonSerializable(typeof(LogsTailResult))]
[JsonSerializable(typeof(SessionsListParams))]
[JsonSerializable(typeof(SessionsListResult))]
[JsonSerializable(typeof(GatewayStatusDocument))]
public sealed partial class MethodsJson : JsonSerializerContext;
