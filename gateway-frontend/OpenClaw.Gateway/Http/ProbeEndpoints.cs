using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Gateway.Hosting;

namespace OpenClaw.Gateway.Http;

/// <summary>
/// Liveness, readiness and startup probes (openclaw <c>server-http-probes.ts</c>): GET/HEAD only, no auth; any other
/// method gets 405 plain text with <c>Allow</c>.
/// </summary>
internal static class ProbeEndpoints
{
    private const string Live = """{"ok":true,"status":"live"}""";
    private const string Ready = """{"ready":true}""";
    private const string NotReady = """{"ready":false}""";
    private const string Started = """{"ok":true,"status":"started"}""";
    private const string Starting = """{"ok":false,"status":"starting"}""";

    public static IEndpointRouteBuilder MapProbes(this IEndpointRouteBuilder endpoints)
    {
        foreach (var path in (ReadOnlySpan<string>)["/health", "/healthz"])
        {
            endpoints.Map(path, (HttpContext http) => Probe(http, StatusCodes.Status200OK, Live));
        }

        foreach (var path in (ReadOnlySpan<string>)["/ready", "/readyz"])
        {
            endpoints.Map(path, (HttpContext http) =>
            {
                var lifecycle = http.RequestServices.GetRequiredService<GatewayLifecycle>();
                var ready = lifecycle.IsStarted && !lifecycle.IsStopping;
                return Probe(http, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, ready ? Ready : NotReady);
            });
        }

        foreach (var path in (ReadOnlySpan<string>)["/startup", "/startupz"])
        {
            endpoints.Map(path, (HttpContext http) =>
            {
                var started = http.RequestServices.GetRequiredService<GatewayLifecycle>().IsStarted;
                return Probe(http, started ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, started ? Started : Starting);
            });
        }

        return endpoints;
    }

    private static IResult Probe(HttpContext http, int status, string json)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            return MethodNotAllowed(http, "GET, HEAD");
        }

        return Results.Text(json, "application/json; charset=utf-8", statusCode: status);
    }

    public static IResult MethodNotAllowed(HttpContext http, string allow)
    {
        http.Response.Headers.Allow = allow;
        return Results.Text("Method Not Allowed", "text/plain; charset=utf-8", statusCode: StatusCodes.Status405MethodNotAllowed);
    }
}
