using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Protocol.Http;

/// <summary>The error body of every gateway HTTP route: <c>{"error":{"message","type","details"?}}</c> (OpenAI's shape).</summary>
public sealed record HttpErrorBody(HttpError Error);

/// <summary><see cref="Type"/> is one of <see cref="HttpErrorTypes"/>; <see cref="Details"/> carries e.g. <c>{code:"MISSING_SCOPE"}</c>.</summary>
public sealed record HttpError(string Message, string Type)
{
    public JsonObject? Details { get; init; }
}

public static class HttpErrorTypes
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string PayloadTooLarge = "payload_too_large";
    public const string NotImplemented = "not_implemented";
    public const string Unavailable = "unavailable";
    public const string Api = "api_error";
}
