using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.Configuration;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Agents.Models.Routing;
using OpenClaw.Grains.Agents.Models.Transport;

namespace OpenClaw.Grains.Tests.Models.Support;

/// <summary>The real clients and router over one shared transport, with retry delays short enough for tests.</summary>
public sealed class ModelHarness : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public ModelHarness(ModelRouterOptions? options = null)
    {
        Transport = new ModelHttpTransport(TimeProvider.System);
        Factory = new ModelClientFactory(Transport, TimeProvider.System);
        Options = options ?? Fast();
    }

    public ModelHttpTransport Transport { get; }

    public ModelClientFactory Factory { get; }

    public ModelRouterOptions Options { get; }

    public static ModelRouterOptions Fast() => new() { RetryBaseDelay = TimeSpan.FromMilliseconds(5) };

    public IModelClient Client(ConfigSnapshot snapshot, string providerId) =>
        Factory.Create(snapshot.Config.Models.Providers[providerId]);

    public ModelRouter Router(IOpenClawConfigSource source) =>
        new(source, new ModelProviderRegistry(Factory, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System,
            NullLogger<ModelProviderRegistry>.Instance), NullLogger<ModelRouter>.Instance);

    public static ModelRequest Ask(string text, string model = "m1") => new()
    {
        Model = model,
        Messages = [ChatMessage.User(text, 1)],
    };

    public static async Task<List<T>> CollectAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> stream)
    {
        using var cancellation = new CancellationTokenSource(Timeout);
        var items = new List<T>();
        await foreach (var item in stream(cancellation.Token))
            items.Add(item);
        return items;
    }

    public static Task<List<ModelStreamUpdate>> CollectAsync(IModelClient client, ModelRequest request) =>
        CollectAsync(token => client.StreamAsync(request, token)).WaitAsync(Timeout);

    public static Task<List<RoutedModelUpdate>> CollectAsync(IModelRouter router, ModelChain chain, ModelRequest request) =>
        CollectAsync(token => router.StreamAsync(chain, request, token)).WaitAsync(Timeout);

    public static string TextOf(IEnumerable<ModelStreamUpdate> updates) => string.Concat(updates.OfType<TextDelta>().Select(d => d.Text));

    public void Dispose() => Transport.Dispose();
}
