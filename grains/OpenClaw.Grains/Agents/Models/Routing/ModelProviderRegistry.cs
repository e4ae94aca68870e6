using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
using Polly;

namespace OpenClaw.Grains.Agents.Models.Routing;

/// <summary>A provider's client and its resilience pipeline.</summary>
public sealed record ProviderEntry(IModelClient Client, ResiliencePipeline Pipeline);

/// <summary>
/// Clients are cached per config hash (a reload that changes anything rebuilds them lazily). Pipelines, which hold
/// the breaker state, are kept across reloads while the provider's endpoint (id, api, base URL) is unchanged, and
/// dropped when it disappears from the config, so the map never outgrows the configured providers.
/// </summary>
public sealed class ModelProviderRegistry(
    ModelClientFactory factory, IOptions<ModelRouterOptions> options, TimeProvider time, ILogger<ModelProviderRegistry> logger)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Generation _generation = new("", new ConcurrentDictionary<string, IModelClient>(StringComparer.Ordinal));

    public ProviderEntry Get(ConfigSnapshot snapshot, ModelProviderConfig provider)
    {
        var generation = Current(snapshot);
        var client = generation.Clients.GetOrAdd(provider.Id, _ => factory.Create(provider));
        var pipeline = _pipelines.GetOrAdd(EndpointKey(provider), _ => ProviderResilience.Build(provider.Id, options.Value, time, logger));
        return new ProviderEntry(client, pipeline);
    }

    private Generation Current(ConfigSnapshot snapshot)
    {
        var generation = Volatile.Read(ref _generation);
        if (generation.Hash == snapshot.Hash)
            return generation;
        lock (_gate)
        {
            if (_generation.Hash != snapshot.Hash)
            {
                var live = snapshot.Config.Models.Providers.Values.Select(EndpointKey).ToHashSet(StringComparer.Ordinal);
                foreach (var stale in _pipelines.Keys.Where(key => !live.Contains(key)))
                    _pipelines.TryRemove(stale, out _);
                Volatile.Write(ref _generation, new Generation(snapshot.Hash, new ConcurrentDictionary<string, IModelClient>(StringComparer.Ordinal)));
            }
            return _generation;
        }
    }

    private static string EndpointKey(ModelProviderConfig provider) =>
        $"{provider.Id}\n{ModelClientFactory.ApiOf(provider)}\n{provider.BaseUrl}";

    private sealed record Generation(string Hash, ConcurrentDictionary<string, IModelClient> Clients);
}
