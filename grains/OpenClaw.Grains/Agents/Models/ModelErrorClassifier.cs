namespace OpenClaw.Grains.Agents.Models;

/// <summary>Maps an HTTP status (and the provider's wording) to the <see cref="ModelErrorKind"/> that drives retry and fallback.</summary>
public static class ModelErrorClassifier
{
    private static readonly string[] ContextLengthWording =
    [
        "context length", "context_length", "context window", "maximum context", "prompt is too long",
        "too many tokens", "reduce the length", "exceeds the context",
    ];

    /// <param name="status">HTTP status; 0 when no response arrived (connection refused, reset).</param>
    public static ModelErrorKind FromStatus(int status, string? detail) => status switch
    {
        0 => ModelErrorKind.Unavailable,
        429 => ModelErrorKind.RateLimit,
        408 => ModelErrorKind.Timeout,
        401 or 403 => ModelErrorKind.Auth,
        400 or 413 or 422 when MentionsContextLength(detail) => ModelErrorKind.ContextLength,
        400 or 413 or 422 => ModelErrorKind.BadRequest,
        >= 500 => ModelErrorKind.Unavailable,
        // 404 and the rest: most likely this provider does not know the model; another one may.
        _ => ModelErrorKind.Unknown,
    };

    public static bool MentionsContextLength(string? detail) =>
        detail is not null && ContextLengthWording.Any(w => detail.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>Failures of the connection itself: nothing answered, so the provider is unavailable.</summary>
    public static bool IsConnectionFailure(Exception exception) =>
        exception is HttpRequestException or IOException or System.Net.Sockets.SocketException
        || exception.InnerException is { } inner && IsConnectionFailure(inner);
}
