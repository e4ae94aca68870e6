using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace OpenClaw.Grains.Agents.Models.Routing;

/// <summary>
/// The Polly pipeline of one provider: retry (outer) around a circuit breaker (inner), so every attempt counts
/// toward the breaker and an open breaker stops the retries at once (<see cref="BrokenCircuitException"/> is not
/// retried). Only failures that say "this provider is unwell right now" are retried or counted.
/// </summary>
internal static class ProviderResilience
{
    public static ResiliencePipeline Build(string providerId, ModelRouterOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        // Polly rejects zero retry attempts: no retries means no retry strategy at all.
        if (options.MaxRetries > 0)
            builder.AddRetry(Retry(providerId, options, logger));
        return builder.AddCircuitBreaker(Breaker(providerId, options, logger)).Build();
    }

    private static RetryStrategyOptions Retry(string providerId, ModelRouterOptions options, ILogger logger) =>
        new()
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ModelCallException failure && IsRetryable(failure, options)),
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.RetryBaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is ModelCallException { RetryAfter: { } retryAfter } ? retryAfter : (TimeSpan?)null),
            OnRetry = args =>
            {
                var kind = (args.Outcome.Exception as ModelCallException)?.Kind ?? ModelErrorKind.Unknown;
                ModelsLog.Retrying(logger, providerId, args.AttemptNumber + 1, kind, args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        };

    private static CircuitBreakerStrategyOptions Breaker(string providerId, ModelRouterOptions options, ILogger logger) =>
        new()
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ModelCallException failure && IsProviderHealthFailure(failure.Kind)),
            FailureRatio = options.BreakerFailureRatio,
            SamplingDuration = options.BreakerSamplingDuration,
            MinimumThroughput = options.BreakerMinimumThroughput,
            BreakDuration = options.BreakerBreakDuration,
            OnOpened = args =>
            {
                ModelsLog.CircuitOpened(logger, providerId, args.BreakDuration.TotalSeconds);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                ModelsLog.CircuitClosed(logger, providerId);
                return ValueTask.CompletedTask;
            },
        };

    private static bool IsProviderHealthFailure(ModelErrorKind kind) =>
        kind is ModelErrorKind.RateLimit or ModelErrorKind.Timeout or ModelErrorKind.Unavailable;

    /// <summary>A Retry-After beyond the cap is not waited for: the next model of the chain is the better bet.</summary>
    private static bool IsRetryable(ModelCallException failure, ModelRouterOptions options) =>
        IsProviderHealthFailure(failure.Kind) && !(failure.RetryAfter > options.MaxRetryAfter);
}
