using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpenClaw.Actors;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>
/// The error responses of the HTTP API, all <c>{"error":{"message","type"}}</c>. Only messages written for clients
/// reach them: validation messages, domain messages from grains, and fixed texts for everything unexpected.
/// </summary>
internal static class HttpErrors
{
    public const string InternalMessage = "internal error";
    public const string UnavailableMessage = "service unavailable, retry later";

    public static IResult BadRequest(string message) => Json(StatusCodes.Status400BadRequest, HttpErrorTypes.InvalidRequest, message);

    public static IResult NotFound(string message = "Not Found") => Json(StatusCodes.Status404NotFound, HttpErrorTypes.NotFound, message);

    /// <summary>413 typed <c>invalid_request_error</c>, as openclaw answers an oversize body.</summary>
    public static IResult TooLarge(long limit) =>
        Json(StatusCodes.Status413PayloadTooLarge, HttpErrorTypes.InvalidRequest, $"Payload too large: request body exceeds {limit} bytes");

    public static IResult NotImplemented(string message) => Json(StatusCodes.Status501NotImplemented, HttpErrorTypes.NotImplemented, message);

    public static IResult Internal() => Json(StatusCodes.Status500InternalServerError, HttpErrorTypes.Api, InternalMessage);

    public static IResult MissingScope(string scope) =>
        Json(StatusCodes.Status403Forbidden, HttpErrorTypes.Forbidden, $"missing scope: {scope}", new JsonObject
        {
            ["code"] = ErrorDetailCodes.MissingScope,
            ["missingScope"] = scope,
            ["requiredScopes"] = new JsonArray(scope),
        });

    /// <summary>Busy or unavailable: 503 with <c>Retry-After</c>.</summary>
    public static IResult Unavailable(HttpContext http, string message = UnavailableMessage)
    {
        http.Response.Headers.RetryAfter = "1";
        return Json(StatusCodes.Status503ServiceUnavailable, HttpErrorTypes.Unavailable, message);
    }

    /// <summary>A grain's expected failure: validation-like codes are the caller's fault (400), the rest are 503.</summary>
    public static IResult FromDomain(HttpContext http, DomainException exception) => exception.Code switch
    {
        ErrorCodes.InvalidRequest or "INVALID" or "NOT_FOUND" or "CONFLICT" => BadRequest(exception.Message),
        "BUSY" or ErrorCodes.Unavailable => Unavailable(http, exception.Message),
        _ => Unavailable(http),
    };

    public static IResult MethodNotAllowed(HttpContext http, string allow)
    {
        http.Response.Headers.Allow = allow;
        return Results.Text("Method Not Allowed", "text/plain; charset=utf-8", statusCode: StatusCodes.Status405MethodNotAllowed);
    }

    public static IResult Json(int status, string type, string message, JsonObject? details = null) =>
        TypedResults.Json(Body(type, message, details), HttpJson.Default.HttpErrorBody, statusCode: status);

    public static HttpErrorBody Body(string type, string message, JsonObject? details = null) =>
        new(new HttpError(message, type) { Details = details });
}
