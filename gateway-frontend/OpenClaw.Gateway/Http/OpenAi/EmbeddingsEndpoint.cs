using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Embeddings;

namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary>
/// <c>POST /v1/embeddings</c> (openclaw <c>embeddings-http.ts</c>), on when either OpenAI-compatible endpoint is:
/// <c>model</c> names the agent (<c>openclaw</c>, <c>openclaw/&lt;agentId&gt;</c>; <c>x-openclaw-agent-id</c> wins),
/// whose embedding provider (<see cref="IEmbeddingsGrain"/>) embeds <c>input</c> (a string or up to 128 strings, each at
/// most 8,192 characters, 65,536 in all); <c>x-openclaw-model</c> picks another model of that provider. Vectors come
/// back as numbers or, with <c>encoding_format: "base64"</c>, as little-endian float32 in base64; <c>model</c> echoes
/// the request. Without a configured provider the answer is 500 <c>api_error</c> saying what to configure.
/// </summary>
internal static class EmbeddingsEndpoint
{
    public const string Path = "/v1/embeddings";
    public const int MaxInputs = 128;
    public const int MaxInputChars = 8_192;
    public const int MaxTotalChars = 65_536;
    private const long MaxBodyBytes = 5L * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(Path, HandleAsync);
        api.MapMethodNotAllowed(Path, "POST");
    }

    private static async Task<IResult> HandleAsync(HttpContext http, IOpenClawConfigSource config, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var snapshot = config.Current.Config;
        if (!snapshot.Gateway.Http.ChatCompletionsEnabled && !snapshot.Gateway.Http.ResponsesEnabled) return HttpErrors.NotFound();
        if (HttpAccess.Check(http, OperatorScopes.Write) is { } denied) return denied;

        var body = await JsonRequestBody.ReadAsync(http.Request, OpenAiJson.Default.EmbeddingsRequestBody, MaxBodyBytes, cancellationToken);
        if (body.Error is { } invalid) return invalid;
        var request = body.Value!;
        if (string.IsNullOrWhiteSpace(request.Model)) return HttpErrors.BadRequest("Missing `model`.");
        if (!OpenAiModelIds.TryParseAgent(request.Model, out var modelAgent))
            return HttpErrors.BadRequest("Invalid `model`. Use `openclaw` or `openclaw/<agentId>`.");
        if (!TryReadInputs(request.Input, out var inputs, out var error)) return HttpErrors.BadRequest(error!);
        var requestedAgent = Header(http.Request, OpenAiTarget.AgentHeader) ?? modelAgent;
        if (!HttpTargets.TryResolveAgent(snapshot, requestedAgent, out var agentId, out error)) return HttpErrors.BadRequest(error!);

        var result = await cluster.GetGrain<IEmbeddingsGrain>(agentId)
            .EmbedAsync(new EmbeddingsRequest(inputs, Header(http.Request, OpenAiTarget.ModelHeader), request.Dimensions), cancellationToken);
        switch (result.Status)
        {
            case EmbeddingsStatus.Invalid:
                return HttpErrors.BadRequest(result.Error ?? "invalid embedding request");
            case EmbeddingsStatus.NotConfigured:
                return HttpErrors.Json(StatusCodes.Status500InternalServerError, HttpErrorTypes.Api, result.Error ?? "no embedding provider is configured");
            case not EmbeddingsStatus.Ok:
                return HttpErrors.Internal();
        }

        var base64 = request.EncodingFormat == "base64";
        var data = result.Vectors.Select((vector, index) => new EmbeddingItem("embedding", index, base64 ? Base64(vector) : Floats(vector))).ToList();
        return TypedResults.Json(
            new EmbeddingList("list", data, request.Model, new EmbeddingUsage(result.PromptTokens, result.PromptTokens)),
            OpenAiJson.Default.EmbeddingList);
    }

    private static bool TryReadInputs(JsonElement? input, out List<string> inputs, out string? error)
    {
        inputs = [];
        error = "`input` must be a string or an array of strings.";
        if (input is not { } value) return false;
        if (value.ValueKind == JsonValueKind.String) inputs.Add(value.GetString()!);
        else if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            inputs.AddRange(value.EnumerateArray().Select(e => e.GetString()!));
        else return false;

        if (inputs.Count > MaxInputs)
        {
            error = $"Too many inputs (max {MaxInputs}).";
            return false;
        }

        var total = 0;
        foreach (var text in inputs)
        {
            if (text.Length > MaxInputChars)
            {
                error = $"Input too long (max {MaxInputChars} chars).";
                return false;
            }

            total += text.Length;
            if (total > MaxTotalChars)
            {
                error = $"Total input too large (max {MaxTotalChars} chars).";
                return false;
            }
        }

        error = null;
        return true;
    }

    private static JsonNode Floats(float[] vector) => new JsonArray([.. vector.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static JsonNode Base64(float[] vector) =>
        JsonValue.Create(Convert.ToBase64String(BitConverter.IsLittleEndian
            ? MemoryMarshal.AsBytes(vector.AsSpan())
            : [.. vector.SelectMany(v => BitConverter.GetBytes(v).Reverse())]));

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.ToString().Trim() is { Length: > 0 } text ? text : null;
}
