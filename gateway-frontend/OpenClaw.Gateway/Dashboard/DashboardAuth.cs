using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Http;

namespace OpenClaw.Gateway.Dashboard;

/// <summary>
/// Who may see the dashboard: anyone in auth mode none; otherwise a caller presenting the gateway token (or password)
/// as a bearer, or a browser holding the <see cref="DashboardCookie"/> it got by presenting the secret once (login
/// form or <c>?token=</c>, since a browser cannot send a bearer when it navigates). Secrets are compared in constant
/// time by the gateway's own check, and wrong ones count toward the gateway's per-address lockout.
/// </summary>
internal sealed partial class DashboardAuth(
    GatewaySettings settings,
    GatewayHttpAuth httpAuth,
    IAuthRateLimiter rateLimiter,
    DashboardCookie cookie,
    ILogger<DashboardAuth> logger)
{
    public bool IsOpen => settings.AuthMode == GatewayAuthModes.None;

    /// <summary>The JSON endpoint: null when allowed, else the gateway's 401/429 JSON response.</summary>
    public IResult? AuthorizeApi(HttpContext http)
    {
        if (IsOpen) return null;
        if (http.Request.Headers.Authorization.Count == 0 && cookie.IsValid(http)) return null;
        return httpAuth.Authorize(http);
    }

    /// <summary>Whether the page may be shown without presenting a secret in this request.</summary>
    public bool HasSession(HttpContext http) => IsOpen || cookie.IsValid(http);

    /// <summary>Checks a presented secret; on success the browser gets the session cookie.</summary>
    public LoginOutcome TryLogin(HttpContext http, string? presented)
    {
        var client = http.Connection.RemoteIpAddress;
        if (rateLimiter.RetryAfter(client) is { } retryAfter) return new LoginOutcome(false, retryAfter);

        var result = SharedSecretCheck.Check(settings, presented, presented);
        if (result is SharedSecretResult.Valid or SharedSecretResult.NotRequired)
        {
            rateLimiter.Reset(client);
            cookie.Issue(http);
            return new LoginOutcome(true, null);
        }

        if (result == SharedSecretResult.Mismatch) rateLimiter.RecordFailure(client);
        LogRefused(logger, client?.ToString());
        return new LoginOutcome(false, null);
    }

    [LoggerMessage(1860, LogLevel.Warning, "Dashboard login from {RemoteIp} refused")]
    private static partial void LogRefused(ILogger logger, string? remoteIp);
}

/// <summary>Whether a login worked, and when it did not because of the lockout, how long that lasts.</summary>
internal readonly record struct LoginOutcome(bool Succeeded, TimeSpan? LockedOutFor);
