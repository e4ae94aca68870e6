using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol.Http;

/// <summary>
/// Source-generated JSON for the gateway's own HTTP bodies (camelCase like the WebSocket protocol): tools/invoke,
/// session history and kill, and the REST API. Request bodies are strict: unknown properties, missing required ones
/// and nulls where a value is required are errors naming the property.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(HttpErrorBody))]
[JsonSerializable(typeof(ToolsInvokeRequest))]
[JsonSerializable(typeof(ToolsInvokeResponse))]
[JsonSerializable(typeof(SessionHistoryResponse))]
[JsonSerializable(typeof(SessionHistoryMessageEvent))]
[JsonSerializable(typeof(SessionKillResponse))]
[JsonSerializable(typeof(AgentRunRequest))]
[JsonSerializable(typeof(AgentRunResponse))]
[JsonSerializable(typeof(AgentRunDelta))]
[JsonSerializable(typeof(AgentRunDone))]
[JsonSerializable(typeof(RestSessionList))]
[JsonSerializable(typeof(SessionRow))]
[JsonSerializable(typeof(RestSessionDeleted))]
[JsonSerializable(typeof(RestChannelList))]
public sealed partial class HttpJson : JsonSerializerContext;
