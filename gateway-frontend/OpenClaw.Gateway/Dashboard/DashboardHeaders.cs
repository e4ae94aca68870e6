using Microsoft.AspNetCore.Http;

namespace OpenClaw.Gateway.Dashboard;

/// <summary>
/// Headers on every dashboard response: scripts and styles only from this origin (no inline code, so injected markup
/// cannot run), no framing, no caching of data or pages, no referrer leaking the address.
/// </summary>
internal static class DashboardHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
