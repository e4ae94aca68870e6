using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;

namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary>
/// <c>GET /v1/models</c> and <c>/v1/models/{id}</c>, on when either OpenAI-compatible endpoint is: the agents as
/// model ids (<see cref="OpenAiModelIds.Listed"/>), in OpenAI's list shape.
/// </summary>
internal static class ModelsEndpoints
{
    public const string Path = "/v1/models";
    private const string ModelPath = "/v1/models/{**id}";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet(Path, List);
        api.MapGet(ModelPath, Get);
        api.MapMethodNotAllowed(Path, "GET");
        api.MapMethodNotAllowed(ModelPath, "GET");
    }

    private static IResult List(HttpContext http, IOpenClawConfigSource config)
    {
        var snapshot = config.Current.Config;
        if (!Enabled(snapshot)) return HttpErrors.NotFound();
        if (HttpAccess.Check(http, OperatorScopes.Read) is { } denied) return denied;
        var models = OpenAiModelIds.Listed(snapshot.Agents).Select(Model).ToList();
        return TypedResults.Json(new ModelList("list", models), OpenAiJson.Default.ModelList);
    }

    private static IResult Get(HttpContext http, string id, IOpenClawConfigSource config)
    {
        var snapshot = config.Current.Config;
        if (!Enabled(snapshot)) return HttpErrors.NotFound();
        if (HttpAccess.Check(http, OperatorScopes.Read) is { } denied) return denied;
        var listed = OpenAiModelIds.Listed(snapshot.Agents).FirstOrDefault(m => string.Equals(m, id, StringComparison.OrdinalIgnoreCase));
        return listed is null
            ? HttpErrors.NotFound($"model \"{id}\" not found")
            : TypedResults.Json(Model(listed), OpenAiJson.Default.ModelObject);
    }

    private static bool Enabled(OpenClawConfig config) => config.Gateway.Http.ChatCompletionsEnabled || config.Gateway.Http.ResponsesEnabled;

    // Agents have no creation time; 0 keeps the field present for clients that require it.
    private static ModelObject Model(string id) => new(id, "model", 0, "openclaw");
}
