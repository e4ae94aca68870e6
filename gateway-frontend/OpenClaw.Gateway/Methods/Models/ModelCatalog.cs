using System.Net;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Methods.Models;

/// <summary>The models of <c>models.providers</c> as <c>models.list</c> reports them, providers and models in config order by id.</summary>
internal static class ModelCatalog
{
    public const string DefaultTag = "default";

    public static IReadOnlyList<ModelChoice> List(ModelsConfig models, ModelReference? defaultModel)
    {
        var choices = new List<ModelChoice>();
        foreach (var provider in models.Providers.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var local = IsLoopback(provider.BaseUrl);
            var available = local || !string.IsNullOrWhiteSpace(provider.ApiKey);
            foreach (var model in provider.Models)
            {
                var isDefault = defaultModel?.Matches(provider.Id, model.Id) == true;
                choices.Add(new ModelChoice(model.Id, model.Name ?? model.Id, provider.Id)
                {
                    ContextWindow = model.ContextWindow,
                    Local = local,
                    Input = model.Input.Count > 0 ? model.Input : ["text"],
                    Reasoning = model.Reasoning,
                    Tags = isDefault ? [DefaultTag] : [],
                    Available = available,
                });
            }
        }

        return choices;
    }

    /// <summary>True when the provider's base URL points at this machine (localhost or a loopback address).</summary>
    public static bool IsLoopback(string? baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback
            || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
