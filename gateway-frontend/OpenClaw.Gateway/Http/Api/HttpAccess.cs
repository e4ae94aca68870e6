using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Gateway.Auth;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>
/// Admission of an HTTP API request: bearer auth (<see cref="GatewayHttpAuth"/>), then the operator scope the route
/// needs. A shared-secret bearer holds every scope; a caller (typically a proxy acting for a narrower user) may
/// declare fewer with <c>x-openclaw-scopes</c>, and then only those count.
/// </summary>
internal static class HttpAccess
{
    public const string ScopesHeader = "x-openclaw-scopes";

    /// <returns>Null when admitted; else the 401/429/403 response.</returns>
    public static IResult? Check(HttpContext http, string requiredScope)
    {
        if (http.RequestServices.GetRequiredService<GatewayHttpAuth>().Authorize(http) is { } unauthorized) return unauthorized;
        if (!http.Request.Headers.TryGetValue(ScopesHeader, out var declared)) return null;

        var scopes = declared.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return OperatorScopeSet.Grants(scopes, requiredScope) ? null : HttpErrors.MissingScope(requiredScope);
    }
}
