using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Embeddings;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.GrainInterfaces.Embeddings;
using OpenClaw.Grains.Agents.Models.Transport;

namespace OpenClaw.Grains.Agents.Models.Embeddings;

/// <summary>
/// Embeds texts for an agent (key: the agent id) through its OpenAI-compatible embedding endpoint
/// (<see cref="EmbeddingTarget"/>), with the official SDK on the shared model transport. Stateless and reentrant; a
/// provider failure is logged (without the texts) and reported as <see cref="EmbeddingsStatus.Failed"/>.
/// </summary>
[Reentrant]
public sealed partial class EmbeddingsGrain(
    IOpenClawConfigSource config,
    ModelHttpTransport transport,
    ILogger<EmbeddingsGrain> logger) : Grain, IEmbeddingsGrain
{
    // Local servers take no key, but the SDK insists on a non-empty credential.
    private const string PlaceholderKey = "no-key";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    private string AgentId => GetPrimaryKeyString();

    public async Task<EmbeddingsResult> EmbedAsync(EmbeddingsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = EmbeddingTarget.Resolve(config.Current, AgentId, request.ModelOverride, out var invalid);
        if (invalid is not null) return EmbeddingsResult.Failed(EmbeddingsStatus.Invalid, invalid);
        if (target is null)
        {
            return EmbeddingsResult.Failed(EmbeddingsStatus.NotConfigured,
                "No embedding provider is configured: set agents.defaults.memorySearch {provider, model, remote: {baseUrl, apiKey}}.");
        }

        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(target.BaseUrl),
            Transport = new HttpClientPipelineTransport(transport.Client),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = CallTimeout,
        };
        var client = new EmbeddingClient(target.Model, new ApiKeyCredential(target.ApiKey ?? PlaceholderKey), options);
        try
        {
            var generation = new EmbeddingGenerationOptions();
            if (request.Dimensions is > 0 and var dimensions) generation.Dimensions = dimensions;
            var result = await client.GenerateEmbeddingsAsync(request.Inputs, generation, cancellationToken);
            var vectors = result.Value.OrderBy(e => e.Index).Select(e => e.ToFloats().ToArray()).ToList();
            return new EmbeddingsResult(EmbeddingsStatus.Ok, vectors, result.Value.Usage?.InputTokenCount ?? 0);
        }
        catch (Exception exception) when (exception is ClientResultException or HttpRequestException or InvalidOperationException or FormatException
                                          || exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogEmbeddingFailed(exception, AgentId, target.Provider, target.Model);
            return EmbeddingsResult.Failed(EmbeddingsStatus.Failed, "embedding provider call failed");
        }
    }

    [LoggerMessage(3420, LogLevel.Warning, "Embeddings for agent {AgentId} with {Provider}/{Model} failed")]
    private partial void LogEmbeddingFailed(Exception exception, string agentId, string provider, string model);
}
