using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OpenClaw.Configuration;
using Polly.CircuitBreaker;

namespace OpenClaw.Grains.Agents.Models.Routing;

/// <summary>
/// Walks the model chain: each model is opened through its provider's pipeline (retries, breaker); a failure that
/// <see cref="ModelCallException.ShouldFallBack"/> or an open breaker moves on to the next model; any other failure
/// (auth, bad request, context length, refusal) is thrown at once. The config is read once per call.
/// </summary>
public sealed class ModelRouter(IOpenClawConfigSource config, ModelProviderRegistry providers, ILogger<ModelRouter> logger) : IModelRouter
{
    public const string NoProviderMessage =
        "no model provider is configured: add models.providers.<id> {baseUrl, apiKey, api, models[]} and agents.defaults.model.primary to openclaw.json";

    public async IAsyncEnumerable<RoutedModelUpdate> StreamAsync(
        ModelChain chain, ModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var snapshot = config.Current;
        if (snapshot.Config.Models.Providers.Count == 0)
            throw new ModelCallException(ModelErrorKind.Unavailable, NoProviderMessage);

        var failedAttempts = new List<string>();
        ModelCallException? lastFailure = null;
        foreach (var reference in chain.All.Distinct(StringComparer.Ordinal))
        {
            var target = ModelTarget.Resolve(reference, snapshot.Config.Models);
            var attempt = await TryOpenAsync(providers.Get(snapshot, target.Provider), target, request, cancellationToken);
            if (attempt.Stream is null)
            {
                failedAttempts.Add(attempt.Summary!);
                lastFailure = attempt.Failure;
                continue;
            }

            IReadOnlyList<string> failedSoFar = [.. failedAttempts];
            await using (attempt.Stream)
            {
                await foreach (var update in attempt.Stream.ReadAllAsync(cancellationToken))
                    yield return new RoutedModelUpdate(update, target.ProviderId, target.ModelId, failedSoFar);
            }
            yield break;
        }

        var summary = string.Join("; ", failedAttempts);
        ModelsLog.ChainExhausted(logger, summary);
        throw new ModelCallException(lastFailure?.Kind ?? ModelErrorKind.Unavailable, $"every model failed: {summary}", lastFailure)
        {
            RetryAfter = lastFailure?.RetryAfter,
        };
    }

    private async Task<OpenAttempt> TryOpenAsync(ProviderEntry provider, ModelTarget target, ModelRequest request, CancellationToken cancellationToken)
    {
        var call = request with { Model = target.ModelId };
        try
        {
            var stream = await provider.Pipeline.ExecuteAsync(
                token => OpenedStream.OpenAsync(provider.Client, call, token), cancellationToken);
            return new OpenAttempt(stream, null, null);
        }
        catch (BrokenCircuitException open)
        {
            ModelsLog.SkippedOpenCircuit(logger, target.ToString());
            var failure = new ModelCallException(ModelErrorKind.Unavailable,
                $"{target}: skipped, the circuit of provider {target.ProviderId} is open after repeated failures", open);
            return new OpenAttempt(null, $"{target}: circuit open", failure);
        }
        catch (ModelCallException failure) when (failure.ShouldFallBack)
        {
            ModelsLog.FallingBack(logger, target.ToString(), failure.Kind, failure.Message);
            return new OpenAttempt(null, $"{target}: {failure.Kind}", failure);
        }
    }

    private sealed record OpenAttempt(OpenedStream? Stream, string? Summary, ModelCallException? Failure);
}
