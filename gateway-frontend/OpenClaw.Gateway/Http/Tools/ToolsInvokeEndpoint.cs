using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Tools;

namespace OpenClaw.Gateway.Http.Tools;

/// <summary>
/// <c>POST /tools/invoke</c> (openclaw <c>tools-invoke-http.ts</c>): runs one tool of an agent outside a run, through
/// <see cref="IToolInvokerGrain"/>. 200 <c>{ok:true, result}</c>; a failing tool is 200 <c>{ok:false, error}</c>; a
/// tool that is unknown or not allowed over HTTP is 404. Body at most 2 MB.
/// </summary>
internal static class ToolsInvokeEndpoint
{
    public const string Path = "/tools/invoke";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(Path, HandleAsync);
        api.MapMethodNotAllowed(Path, "POST");
    }

    private static async Task<IResult> HandleAsync(HttpContext http, IOpenClawConfigSource config, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (HttpAccess.Check(http, OperatorScopes.Write) is { } denied) return denied;
        var body = await JsonRequestBody.ReadAsync(http.Request, HttpJson.Default.ToolsInvokeRequest, HttpBodyLimits.ToolsInvoke, cancellationToken);
        if (body.Error is { } invalid) return invalid;
        var request = body.Value!;

        var tool = (request.Tool ?? request.Name)?.Trim();
        if (string.IsNullOrEmpty(tool)) return HttpErrors.BadRequest("invalid request body: must have required property 'tool'");
        var snapshot = config.Current.Config;
        if (!HttpTargets.TryResolveAgent(snapshot, request.AgentId, out var agentId, out var error)
            || !HttpTargets.TryCanonicalSessionKey(snapshot, request.SessionKey ?? "main", agentId, allowReserved: true, out var sessionKey, out error))
        {
            return HttpErrors.BadRequest(error!);
        }

        var result = await grains.GetGrain<IToolInvokerGrain>(agentId).InvokeAsync(new ToolInvocation
        {
            Tool = tool,
            Action = request.Action,
            Args = request.Args,
            SessionKey = sessionKey,
            DryRun = request.DryRun == true,
        }, cancellationToken);
        return result.Status switch
        {
            ToolInvocationStatus.Ok => Json(new ToolsInvokeResponse(true)
            {
                Result = new ToolsInvokeResult([new ToolsInvokeContent("text", result.Content ?? "")]) { DryRun = request.DryRun == true ? true : null },
            }),
            ToolInvocationStatus.ToolError => Json(new ToolsInvokeResponse(false) { Error = new ToolsInvokeError("tool_error", result.Message ?? "tool failed") }),
            _ => Json(new ToolsInvokeResponse(false) { Error = new ToolsInvokeError("not_found", result.Message ?? $"Tool not available: {tool}") },
                StatusCodes.Status404NotFound),
        };
    }

    private static IResult Json(ToolsInvokeResponse response, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(response, HttpJson.Default.ToolsInvokeResponse, statusCode: status);
}
