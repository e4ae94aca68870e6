using OpenClaw.Configuration.Model;

namespace OpenClaw.Grains.Agents.Models.Routing;

/// <summary>A <c>provider/model</c> reference resolved against <c>models.providers</c>.</summary>
public sealed record ModelTarget(string ProviderId, string ModelId, ModelProviderConfig Provider)
{
    public override string ToString() => $"{ProviderId}/{ModelId}";

    /// <summary>
    /// Splits at the first <c>/</c> (model ids may contain more). A bare model id is accepted when exactly one provider
    /// lists it. A provider with an empty <c>models</c> list accepts any model id (nothing to check it against).
    /// </summary>
    public static ModelTarget Resolve(string reference, ModelsConfig models)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return ResolveBare(reference, models);

        var providerId = reference[..slash];
        var modelId = reference[(slash + 1)..];
        if (!models.Providers.TryGetValue(providerId, out var provider))
            throw Unknown($"unknown model provider \"{providerId}\" in model \"{reference}\"; configured providers: {Configured(models)}");
        if (modelId.Length == 0)
            throw Unknown($"model \"{reference}\" names no model after the provider");
        if (provider.Models.Count > 0 && ProviderDefaults.ModelOf(provider, modelId) is null)
            throw Unknown($"unknown model \"{modelId}\" for provider \"{providerId}\" (\"{reference}\"); models.providers.{providerId}.models has: {string.Join(", ", provider.Models.Select(m => m.Id))}");
        return new ModelTarget(providerId, modelId, provider);
    }

    private static ModelTarget ResolveBare(string modelId, ModelsConfig models)
    {
        var owners = models.Providers.Values.Where(p => ProviderDefaults.ModelOf(p, modelId) is not null).ToList();
        return owners.Count == 1
            ? new ModelTarget(owners[0].Id, modelId, owners[0])
            : throw Unknown(owners.Count == 0
                ? $"model \"{modelId}\" has no provider: write it as \"<provider>/{modelId}\"; configured providers: {Configured(models)}"
                : $"model \"{modelId}\" is offered by several providers ({string.Join(", ", owners.Select(p => p.Id))}): write it as \"<provider>/{modelId}\"");
    }

    private static string Configured(ModelsConfig models) =>
        models.Providers.Count == 0 ? "(none)" : string.Join(", ", models.Providers.Keys.Order(StringComparer.Ordinal));

    private static ModelCallException Unknown(string message) => new(ModelErrorKind.BadRequest, message);
}
