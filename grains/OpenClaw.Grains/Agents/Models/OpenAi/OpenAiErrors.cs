using System.ClientModel;

namespace OpenClaw.Grains.Agents.Models.OpenAi;

/// <summary>OpenAI SDK exceptions → <see cref="ModelCallException"/>.</summary>
internal static class OpenAiErrors
{
    public static ModelCallException Translate(Exception exception, string provider, string model, TimeSpan? retryAfter)
    {
        var target = $"{provider}/{model}";
        if (exception is ClientResultException { Status: > 0 } result)
        {
            var kind = ModelErrorClassifier.FromStatus(result.Status, result.Message);
            return new ModelCallException(kind, $"{target}: {result.Message}", exception) { RetryAfter = retryAfter };
        }
        if (exception is ClientResultException || ModelErrorClassifier.IsConnectionFailure(exception))
            return new ModelCallException(ModelErrorKind.Unavailable, $"{target}: provider unreachable: {exception.Message}", exception);
        return new ModelCallException(ModelErrorKind.Unknown, $"{target}: {exception.GetType().Name}: {exception.Message}", exception);
    }
}
