using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol.Http;

/// <summary>
/// Source-generated JSON for the OpenAI-compatible routes (<c>/v1/chat/completions</c>, <c>/v1/responses</c>,
/// <c>/v1/models</c>): snake_case as OpenAI's wire format. Request bodies are strict, as in <see cref="HttpJson"/>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(HttpErrorBody))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelObject))]
[JsonSerializable(typeof(ResponsesRequest))]
[JsonSerializable(typeof(ResponseObject))]
[JsonSerializable(typeof(ResponseStreamEvent))]
[JsonSerializable(typeof(EmbeddingsRequestBody))]
[JsonSerializable(typeof(EmbeddingList))]
public sealed partial class OpenAiJson : JsonSerializerContext;
