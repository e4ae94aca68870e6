using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// The one source-generated JSON context for protocol v4. Schemas upstream are closed
/// (<c>additionalProperties:false</c>), hence <see cref="JsonUnmappedMemberHandling.Disallow"/>; unset optionals are
/// omitted rather than sent as null. Other files add <c>[JsonSerializable]</c> attributes to this partial class.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(RequestFrame))]
[JsonSerializable(typeof(ResponseFrame))]
[JsonSerializable(typeof(EventFrame))]
[JsonSerializable(typeof(ErrorShape))]
[JsonSerializable(typeof(ConnectParams))]
[JsonSerializable(typeof(HelloOk))]
[JsonSerializable(typeof(ConnectChallenge))]
[JsonSerializable(typeof(TickEvent))]
[JsonSerializable(typeof(ShutdownEvent))]
[JsonSerializable(typeof(PresenceEvent))]
[JsonSerializable(typeof(GatewayStateVersion))]
public partial class ProtocolJson : JsonSerializerContext;
