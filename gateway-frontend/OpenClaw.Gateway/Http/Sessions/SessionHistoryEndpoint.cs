using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Methods.Chat;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Sessions;

/// <summary>
/// <c>GET /sessions/{key}/history</c> (openclaw <c>sessions-history-http.ts</c>): one page of the transcript
/// (<see cref="SessionHistoryRequest"/> for <c>limit</c> and <c>cursor</c>), 404 when the session has none. With
/// <c>Accept: text/event-stream</c> the page is the first SSE event and the session's new messages follow
/// (<see cref="SessionHistoryStream"/>).
/// </summary>
internal static class SessionHistoryEndpoint
{
    public const string Path = "/sessions/{key}/history";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet(Path, HandleAsync);
        api.MapMethodNotAllowed(Path, "GET");
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http, string key, IOpenClawConfigSource config, IClusterClient cluster, SessionHistoryStream stream, CancellationToken cancellationToken)
    {
        if (HttpAccess.Check(http, OperatorScopes.Read) is { } denied) return denied;
        var snapshot = config.Current.Config;
        if (!HttpTargets.TryCanonicalSessionKey(snapshot, key, snapshot.Agents.DefaultAgentId, allowReserved: true, out var sessionKey, out var error))
            return HttpErrors.BadRequest(error!);

        var request = SessionHistoryRequest.From(http.Request.Query);
        var session = cluster.GetGrain<IChatSessionGrain>(sessionKey);
        if (WantsEventStream(http.Request)) return await stream.WriteAsync(http, sessionKey, session, request, cancellationToken);

        var page = await session.GetHistoryAsync(request.Query, cancellationToken);
        return Exists(page) ? TypedResults.Json(ToResponse(page), HttpJson.Default.SessionHistoryResponse) : SessionNotFound(sessionKey);
    }

    /// <summary>A session that never ran (or was deleted) has no session id and no transcript.</summary>
    public static bool Exists(HistoryPage page) => page.SessionId.Length > 0;

    /// <summary>openclaw's 404 body for this route, which also carries <c>ok:false</c>.</summary>
    public static IResult SessionNotFound(string sessionKey) => Results.Text(
        new JsonObject
        {
            ["ok"] = false,
            ["error"] = new JsonObject { ["type"] = HttpErrorTypes.NotFound, ["message"] = $"Session not found: {sessionKey}" },
        }.ToJsonString(),
        "application/json; charset=utf-8",
        statusCode: StatusCodes.Status404NotFound);

    public static SessionHistoryResponse ToResponse(HistoryPage page)
    {
        List<JsonObject> rows = [.. page.Messages.Select(Row)];
        return new SessionHistoryResponse(page.SessionKey, page.SessionId, rows, rows, page.HasMore)
        {
            NextCursor = page.HasMore && page.Messages.Count > 0 ? page.Messages[0].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            TotalMessages = page.TotalMessages,
        };
    }

    /// <summary>A transcript message as <c>chat.history</c> sends it, with <c>__openclaw {id, seq}</c>.</summary>
    public static JsonObject Row(HistoryMessage message) => ChatMessageJson.HistoryRow(message.Message, message.Id, message.Seq);

    private static bool WantsEventStream(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
}
