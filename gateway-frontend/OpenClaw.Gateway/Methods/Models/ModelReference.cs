using OpenClaw.Configuration.Model;

namespace OpenClaw.Gateway.Methods.Models;

/// <summary>
/// A model named as in the config, <c>provider/model</c> (the model id may itself contain slashes). A bare id has no
/// provider and matches that id under any configured provider.
/// </summary>
internal sealed record ModelReference(string? Provider, string Model)
{
    public static ModelReference? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        var slash = trimmed.IndexOf('/');
        return slash > 0 && slash < trimmed.Length - 1
            ? new ModelReference(trimmed[..slash], trimmed[(slash + 1)..])
            : new ModelReference(null, trimmed);
    }

    /// <summary>The configured provider and model definition this reference names, if any.</summary>
    public (ModelProviderConfig Provider, ModelDefinitionConfig Model)? Find(ModelsConfig models)
    {
        foreach (var provider in models.Providers.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (Provider is not null && !string.Equals(provider.Id, Provider, StringComparison.Ordinal))
            {
                continue;
            }

            var model = provider.Models.FirstOrDefault(m => string.Equals(m.Id, Model, StringComparison.Ordinal));
            if (model is not null)
            {
                return (provider, model);
            }
        }

        return null;
    }

    public bool Matches(string providerId, string modelId) =>
        (Provider is null || string.Equals(Provider, providerId, StringComparison.Ordinal))
        && string.Equals(Model, modelId, StringComparison.Ordinal);
}
