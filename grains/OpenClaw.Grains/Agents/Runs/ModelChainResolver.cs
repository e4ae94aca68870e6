using OpenClaw.Configuration.Model;
using OpenClaw.Grains.Agents.Models;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>
/// Which models a run uses: the send's override, else the session's override, else the agent entry's model, else
/// <c>agents.defaults.model</c>; fallbacks come from the agent entry or the defaults. And how large their context is
/// (the model definition's <c>contextWindow</c>, default <see cref="DefaultContextWindow"/>).
/// </summary>
public static class ModelChainResolver
{
    public const int DefaultContextWindow = 128_000;

    public static ModelChain? Resolve(OpenClawConfig config, string agentId, string? sendOverride, string? sessionOverride)
    {
        var entry = config.Agents.Entries.GetValueOrDefault(agentId);
        var selection = entry?.Model?.Primary is { Length: > 0 } ? entry.Model : config.Agents.Defaults.Model;
        var primary = NonEmpty(sendOverride) ?? NonEmpty(sessionOverride) ?? NonEmpty(selection?.Primary);
        if (primary is null) return null;
        var fallbacks = (selection?.Fallbacks ?? []).Where(f => !string.Equals(f, primary, StringComparison.Ordinal)).ToList();
        return new ModelChain(primary, fallbacks);
    }

    public static int ContextWindowOf(OpenClawConfig config, string modelRef)
    {
        var (provider, model) = Split(modelRef);
        return config.Models.Providers.GetValueOrDefault(provider)?.Models
            .FirstOrDefault(m => string.Equals(m.Id, model, StringComparison.Ordinal))?.ContextWindow is > 0 and var window
            ? window
            : DefaultContextWindow;
    }

    /// <summary><c>provider/model</c> → (provider, model); a bare id has an empty provider.</summary>
    public static (string Provider, string Model) Split(string modelRef)
    {
        var slash = modelRef.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", modelRef) : (modelRef[..slash], modelRef[(slash + 1)..]);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
