using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>
/// The one place HTTP API failures become responses: a grain's <see cref="DomainException"/> keeps its (client-safe)
/// message; an overloaded grain is a 503; anything else is logged once and answered with a generic 500. A request
/// whose client went away gets no answer. Once an event stream has started, nothing can be sent but the log.
/// </summary>
internal static partial class HttpApiErrorFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (DomainException exception) when (!http.Response.HasStarted)
        {
            return HttpErrors.FromDomain(http, exception);
        }
        catch (GrainOverloadedException) when (!http.Response.HasStarted)
        {
            return HttpErrors.Unavailable(http);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("OpenClaw.Gateway.Http.Api");
            LogFailed(logger, exception, http.Request.Method, http.Request.Path);
            return http.Response.HasStarted ? Results.Empty : HttpErrors.Internal();
        }
    }

    [LoggerMessage(1452, LogLevel.Error, "HTTP {Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string path);
}
