using global::Anthropic.Exceptions;

namespace OpenClaw.Grains.Agents.Models.Anthropic;

/// <summary>Anthropic SDK exceptions → <see cref="ModelCallException"/>.</summary>
internal static class AnthropicErrors
{
    public static ModelCallException Translate(Exception exception, string provider, string model, TimeSpan? retryAfter)
    {
        var target = $"{provider}/{model}";
        switch (exception)
        {
            case AnthropicApiException api:
                var detail = api.Message;
                var kind = ModelErrorClassifier.FromStatus((int)api.StatusCode, detail);
                return new ModelCallException(kind, $"{target}: HTTP {(int)api.StatusCode}: {SafeRead(() => api.ApiMessage) ?? detail}", exception) { RetryAfter = retryAfter };
            case AnthropicSseException sse:
                // An error event in the middle of the stream (overloaded, rate limited...), after a 200.
                return new ModelCallException(FromErrorType(SafeRead(() => sse.Type?.Raw()), sse.Message), $"{target}: stream error: {sse.Message}", exception);
            case AnthropicIOException:
            case var _ when ModelErrorClassifier.IsConnectionFailure(exception):
                return new ModelCallException(ModelErrorKind.Unavailable, $"{target}: provider unreachable: {exception.Message}", exception);
            default:
                return new ModelCallException(ModelErrorKind.Unknown, $"{target}: {exception.GetType().Name}: {exception.Message}", exception);
        }
    }

    private static ModelErrorKind FromErrorType(string? type, string message) => type switch
    {
        "rate_limit_error" => ModelErrorKind.RateLimit,
        "overloaded_error" or "api_error" => ModelErrorKind.Unavailable,
        "timeout_error" => ModelErrorKind.Timeout,
        "authentication_error" or "permission_error" or "billing_error" => ModelErrorKind.Auth,
        "invalid_request_error" when ModelErrorClassifier.MentionsContextLength(message) => ModelErrorKind.ContextLength,
        "invalid_request_error" => ModelErrorKind.BadRequest,
        _ => ModelErrorKind.Unknown,
    };

    /// <summary>The SDK parses the error body lazily; a body that is not the documented JSON makes its accessors throw.</summary>
    private static string? SafeRead(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (Exception parseFailure) when (parseFailure is InvalidOperationException or System.Text.Json.JsonException or AnthropicException)
        {
            return null;
        }
    }
}
