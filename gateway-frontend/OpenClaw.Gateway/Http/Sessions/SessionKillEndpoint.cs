using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Sessions;

/// <summary><c>POST /sessions/{key}/kill</c>: aborts the session's active and queued runs → <c>{ok:true, aborted, runIds}</c>.</summary>
internal static class SessionKillEndpoint
{
    public const string Path = "/sessions/{key}/kill";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(Path, HandleAsync);
        api.MapMethodNotAllowed(Path, "POST");
    }

    private static async Task<IResult> HandleAsync(HttpContext http, string key, IOpenClawConfigSource config, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (HttpAccess.Check(http, OperatorScopes.Write) is { } denied) return denied;
        var snapshot = config.Current.Config;
        if (!HttpTargets.TryCanonicalSessionKey(snapshot, key, snapshot.Agents.DefaultAgentId, allowReserved: true, out var sessionKey, out var error))
            return HttpErrors.BadRequest(error!);

        var result = await grains.GetGrain<IChatSessionGrain>(sessionKey).AbortAsync(null, cancellationToken);
        return TypedResults.Json(new SessionKillResponse(true, result.Aborted, result.RunIds), HttpJson.Default.SessionKillResponse);
    }
}
