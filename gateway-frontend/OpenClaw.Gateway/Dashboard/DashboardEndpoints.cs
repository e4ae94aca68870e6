using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Diagnostics;
using OpenClaw.Gateway.Dashboard;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The dashboard on this front node: <c>GET /dashboard</c> (the page, or a login form with 401),
/// <c>POST /dashboard/login</c>, <c>GET /dashboard/api/status</c> (the JSON the page polls; bearer or session cookie)
/// and the page's script and styles (static, no data, no auth). Needs <c>AddDashboard()</c>.
/// </summary>
public static class DashboardEndpoints
{
    private const int MaxLoginBodyBytes = 4096;

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(DashboardRoutes.Page, ShowPage);
        endpoints.MapPost(DashboardRoutes.Login, LoginAsync);
        endpoints.MapGet(DashboardRoutes.Status, GetStatusAsync);
        endpoints.MapGet(DashboardRoutes.Script, (HttpContext http) => Asset(http, DashboardAssets.Script, "text/javascript; charset=utf-8"));
        endpoints.MapGet(DashboardRoutes.Styles, (HttpContext http) => Asset(http, DashboardAssets.Styles, "text/css; charset=utf-8"));
        return endpoints;
    }

    private static IResult ShowPage(HttpContext http, DashboardAuth auth)
    {
        DashboardHeaders.Apply(http.Response);
        if (auth.HasSession(http)) return Html(DashboardAssets.Page, StatusCodes.Status200OK);

        // A secret in the query (links printed by scripts) or a bearer (curl) opens a session too.
        var presented = http.Request.Query["token"].ToString() is { Length: > 0 } query ? query : Bearer(http);
        if (presented is null) return Login(DashboardAssets.LoginPrompt);

        var outcome = auth.TryLogin(http, presented);
        if (!outcome.Succeeded) return Refused(http, outcome);
        // Redirect so the secret leaves the address bar and the history; a bearer caller gets the page at once.
        return http.Request.Query.ContainsKey("token") ? SeeOther(http) : Html(DashboardAssets.Page, StatusCodes.Status200OK);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, DashboardAuth auth, CancellationToken cancellationToken)
    {
        DashboardHeaders.Apply(http.Response);
        if (!http.Request.HasFormContentType || http.Request.ContentLength is null or > MaxLoginBodyBytes)
            return Results.Text("Bad Request", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var outcome = auth.TryLogin(http, form["token"].ToString());
        // 303: the browser follows with a GET, so reloading the page does not post the secret again.
        return outcome.Succeeded ? SeeOther(http) : Refused(http, outcome);
    }

    private static async Task<IResult> GetStatusAsync(HttpContext http, DashboardAuth auth, IClusterStatusProvider status, CancellationToken cancellationToken)
    {
        DashboardHeaders.Apply(http.Response);
        if (auth.AuthorizeApi(http) is { } denied) return denied;
        var report = await status.GetAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(report, DiagnosticsJson.Default.ClusterStatusReport);
    }

    private static IResult Refused(HttpContext http, LoginOutcome outcome)
    {
        if (outcome.LockedOutFor is not { } retryAfter) return Login(DashboardAssets.LoginRefused);
        http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Html(DashboardAssets.LoginPage(DashboardAssets.LoginLockedOut), StatusCodes.Status429TooManyRequests);
    }

    private static IResult Login(string message) => Html(DashboardAssets.LoginPage(message), StatusCodes.Status401Unauthorized);

    private static IResult Asset(HttpContext http, string content, string contentType)
    {
        DashboardHeaders.Apply(http.Response);
        return Results.Text(content, contentType);
    }

    private static IResult SeeOther(HttpContext http)
    {
        http.Response.Headers.Location = DashboardRoutes.Page;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static IResult Html(string html, int status) => Results.Text(html, "text/html; charset=utf-8", statusCode: status);

    private static string? Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
