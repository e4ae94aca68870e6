using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Sessions;

/// <summary>
/// <c>GET /sessions/{key}/history</c>: one page of the transcript (query <c>limit</c> 1–1000, default 200;
/// <c>offset</c> or <c>cursor</c> counting back from the newest message). With <c>Accept: text/event-stream</c> the
/// page is the first SSE event and each message the session completes afterwards follows
/// (<see cref="SessionHistoryStream"/>).
/// </summary>
internal static class SessionHistoryEndpoint
{
    public const string Path = "/sessions/{key}/history";
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

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
        if (!HttpTargets.TryCanonicalSessionKey(snapshot, key, snapshot.Agents.DefaultAgentId, allowReserved: true, out var sessionKey, out var error)
            || !TryReadQuery(http.Request.Query, out var query, out error))
        {
            return HttpErrors.BadRequest(error!);
        }

        var session = cluster.GetGrain<IChatSessionGrain>(sessionKey);
        if (WantsEventStream(http.Request))
        {
            await stream.WriteAsync(http, sessionKey, session, query, cancellationToken);
            return Results.Empty;
        }

        var page = await session.GetHistoryAsync(query, cancellationToken);
        return TypedResults.Json(ToResponse(page), HttpJson.Default.SessionHistoryResponse);
    }

    public static SessionHistoryResponse ToResponse(HistoryPage page) =>
        new(page.SessionKey, page.SessionId, [.. page.Messages.Select(m => HistoryMessages.ToWire(m.Message))])
        {
            TotalMessages = page.TotalMessages,
            HasMore = page.HasMore,
            NextOffset = page.NextOffset,
            NextCursor = page.NextOffset?.ToString(CultureInfo.InvariantCulture),
        };

    private static bool WantsEventStream(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));

    private static bool TryReadQuery(IQueryCollection query, out HistoryQuery result, out string? error)
    {
        result = new HistoryQuery();
        error = null;
        if (!TryInt(query, "limit", 1, MaxLimit, out var limit, ref error)
            || !TryInt(query, "offset", 0, int.MaxValue, out var offset, ref error)
            || !TryInt(query, "cursor", 0, int.MaxValue, out var cursor, ref error)
            || !TryInt(query, "maxChars", 1, int.MaxValue, out var maxChars, ref error))
        {
            return false;
        }

        result = new HistoryQuery(limit ?? DefaultLimit, cursor ?? offset ?? 0, maxChars);
        return true;
    }

    private static bool TryInt(IQueryCollection query, string name, int min, int max, out int? value, ref string? error)
    {
        value = null;
        if (!query.TryGetValue(name, out var raw)) return true;
        if (int.TryParse(raw.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            value = parsed;
            return true;
        }

        error = $"query parameter {name} must be an integer from {min} to {max}";
        return false;
    }
}
