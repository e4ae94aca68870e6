using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Hosting;

namespace OpenClaw.Gateway.Http;

/// <summary>
/// Bearer auth for gateway HTTP routes (openclaw <c>http-common.ts</c>): <c>Authorization: Bearer &lt;token or
/// password&gt;</c>, nothing in auth mode none. Failures count toward the same per-IP lockout as WebSocket auth.
/// Errors: 401 <c>{"error":{"message":"unauthorized","type":"unauthorized"}}</c>; 429 with <c>Retry-After</c>.
/// </summary>
public sealed partial class GatewayHttpAuth(GatewaySettings settings, IAuthRateLimiter rateLimiter, ILogger<GatewayHttpAuth> logger)
{
    private const string Unauthorized = """{"error":{"message":"unauthorized","type":"unauthorized"}}""";
    private const string RateLimited = """{"error":{"message":"too many failed authentication attempts","type":"rate_limited"}}""";

    /// <returns>Null when the caller is authorized; else the response to send.</returns>
    public IResult? Authorize(HttpContext http)
    {
        if (settings.AuthMode == GatewayAuthModes.None)
        {
            return null;
        }

        var client = http.Connection.RemoteIpAddress;
        if (rateLimiter.RetryAfter(client) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Results.Text(RateLimited, "application/json; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
        }

        var bearer = BearerToken(http.Request.Headers.Authorization.ToString());
        var result = SharedSecretCheck.Check(settings, bearer, bearer);
        if (result == SharedSecretResult.Valid)
        {
            rateLimiter.Reset(client);
            return null;
        }

        if (result == SharedSecretResult.Mismatch)
        {
            rateLimiter.RecordFailure(client);
        }

        LogUnauthorized(logger, http.Request.Path, client?.ToString());
        return Results.Text(Unauthorized, "application/json; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
    }

    private static string? BearerToken(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;

    [LoggerMessage(1400, LogLevel.Warning, "HTTP {Path} from {RemoteIp} unauthorized")]
    private static partial void LogUnauthorized(ILogger logger, string path, string? remoteIp);
}
