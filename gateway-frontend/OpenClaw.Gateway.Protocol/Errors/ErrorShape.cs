using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// <c>error</c> of a failed response: a string <see cref="Code"/> (<see cref="ErrorCodes"/>), a human message, and
/// optional machine-readable <see cref="Details"/> (their <c>code</c> is what clients branch on).
/// </summary>
public sealed record ErrorShape(string Code, string Message)
{
    public JsonNode? Details { get; init; }
    public bool? Retryable { get; init; }
    public int? RetryAfterMs { get; init; }
}
