using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Methods.Sessions;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Rest;

/// <summary>
/// The seed documents' session API over the same grains as <c>sessions.*</c>: <c>GET /v1/sessions</c> (query
/// <c>limit</c>, <c>offset</c>, <c>agentId</c>, <c>search</c>), <c>GET /v1/sessions/{key}</c> and
/// <c>DELETE /v1/sessions/{key}</c> (archives the transcript, as <c>sessions.delete</c> does).
/// </summary>
internal static class SessionsRestEndpoints
{
    public const string ListPath = "/v1/sessions";
    public const string EntryPath = "/v1/sessions/{key}";
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet(ListPath, ListAsync);
        api.MapGet(EntryPath, GetAsync);
        api.MapDelete(EntryPath, DeleteAsync);
        api.MapMethodNotAllowed(ListPath, "GET");
        api.MapMethodNotAllowed(EntryPath, "GET, DELETE");
    }

    private static async Task<IResult> ListAsync(HttpContext http, IOpenClawConfigSource config, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (HttpAccess.Check(http, OperatorScopes.Read) is { } denied) return denied;
        var query = http.Request.Query;
        if (!TryInt(query, "limit", 1, MaxLimit, out var limit, out var error) || !TryInt(query, "offset", 0, int.MaxValue, out var offset, out error))
            return HttpErrors.BadRequest(error!);
        if (!HttpTargets.TryResolveAgent(config.Current.Config, query["agentId"].ToString(), out var agentId, out error))
            return HttpErrors.BadRequest(error!);

        var search = query["search"].ToString() is { Length: > 0 } text ? text : null;
        var page = await grains.GetGrain<ISessionIndexGrain>(GrainKeys.SessionIndex(agentId))
            .ListAsync(new SessionListQuery(limit ?? DefaultLimit, offset ?? 0, Search: search), cancellationToken);
        var rows = page.Sessions.Select(entry => SessionRows.From(entry, agentId, includeLastMessage: true)).ToList();
        return TypedResults.Json(new RestSessionList(rows, page.TotalCount) { NextOffset = page.NextOffset }, HttpJson.Default.RestSessionList);
    }

    private static async Task<IResult> GetAsync(HttpContext http, string key, IOpenClawConfigSource config, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (HttpAccess.Check(http, OperatorScopes.Read) is { } denied) return denied;
        if (!TryKey(config, key, out var sessionKey, out var error)) return HttpErrors.BadRequest(error!);

        var entry = await grains.GetGrain<IChatSessionGrain>(sessionKey).GetEntryAsync(cancellationToken);
        if (entry is null) return HttpErrors.NotFound($"session \"{sessionKey}\" not found");
        var agentId = SessionKeys.AgentIdOf(sessionKey, config.Current.Config.Agents.DefaultAgentId);
        return TypedResults.Json(SessionRows.From(entry, agentId, includeLastMessage: true), HttpJson.Default.SessionRow);
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string key, IOpenClawConfigSource config, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (HttpAccess.Check(http, OperatorScopes.Admin) is { } denied) return denied;
        if (!TryKey(config, key, out var sessionKey, out var error)) return HttpErrors.BadRequest(error!);

        var result = await grains.GetGrain<IChatSessionGrain>(sessionKey).DeleteAsync(deleteTranscript: true, expectedSessionId: null, cancellationToken);
        return TypedResults.Json(new RestSessionDeleted(true, sessionKey, result.Deleted), HttpJson.Default.RestSessionDeleted);
    }

    private static bool TryKey(IOpenClawConfigSource config, string key, out string sessionKey, out string? error)
    {
        var snapshot = config.Current.Config;
        return HttpTargets.TryCanonicalSessionKey(snapshot, key, snapshot.Agents.DefaultAgentId, allowReserved: true, out sessionKey, out error);
    }

    private static bool TryInt(IQueryCollection query, string name, int min, int max, out int? value, out string? error)
    {
        value = null;
        error = null;
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
