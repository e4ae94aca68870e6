using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Http.OpenAi;
using OpenClaw.Gateway.Http.Responses;
using OpenClaw.Gateway.Http.Rest;
using OpenClaw.Gateway.Http.Sessions;
using OpenClaw.Gateway.Http.Tools;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The HTTP API on the gateway port: OpenAI-compatible routes (off unless enabled in config), <c>/tools/invoke</c>,
/// session history and kill, and the seed documents' REST API. Every route is behind the gateway's bearer auth.
/// </summary>
public static class HttpApiEndpointExtensions
{
    public static IEndpointRouteBuilder MapOpenClawHttpApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("");
        api.AddEndpointFilter(HttpApiErrorFilter.InvokeAsync);

        ChatCompletionsEndpoint.Map(api);
        ResponsesEndpoint.Map(api);
        ModelsEndpoints.Map(api);
        EmbeddingsEndpoint.Map(api);
        ToolsInvokeEndpoint.Map(api);
        SessionHistoryEndpoint.Map(api);
        SessionKillEndpoint.Map(api);
        AgentRunEndpoints.Map(api);
        SessionsRestEndpoints.Map(api);
        ChannelsRestEndpoints.Map(api);
        return endpoints;
    }

    /// <summary>
    /// Answers every other method on <paramref name="pattern"/> with 405 and <c>Allow</c>. Ordered after the real
    /// endpoints, so it only takes requests they do not match.
    /// </summary>
    internal static void MapMethodNotAllowed(this IEndpointRouteBuilder endpoints, string pattern, string allow) =>
        endpoints.Map(pattern, (HttpContext http) => HttpErrors.MethodNotAllowed(http, allow)).WithOrder(1);
}
