using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Methods.ClusterDeadLetters;

/// <summary>Source-generated JSON of the dead-letter methods; the same options as the other methods' contexts (MethodsJson).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(ClusterDeadLettersListParams))]
[JsonSerializable(typeof(ClusterDeadLettersListResult))]
[JsonSerializable(typeof(ClusterDeadLettersRedriveParams))]
[JsonSerializable(typeof(ClusterDeadLettersRedriveResult))]
internal sealed partial class ClusterDeadLettersJson : JsonSerializerContext;
