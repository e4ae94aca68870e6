using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// <c>models.list</c> params (the CLI sends <c>view:"default"|"all", includeDetails:true</c>, plus <c>provider</c> and
/// <c>refresh</c> for <c>models list --provider/--refresh</c>).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ModelsListParams
{
    [MinLength(1)]
    public string? AgentId { get; init; }

    [AllowedValues(null, "default", "configured", "provider-config", "all")]
    public string? View { get; init; }

    /// <summary>Only this provider's models.</summary>
    [MinLength(1)]
    public string? Provider { get; init; }
    public bool? IncludeDetails { get; init; }
    public bool? IncludeProviderCapabilities { get; init; }
    public bool? PreparedOnly { get; init; }
    public bool? Refresh { get; init; }
}

public sealed record ModelsListResult(IReadOnlyList<ModelChoice> Models);

/// <summary>
/// One configured model. <see cref="Local"/>: its provider's base URL is a loopback host. <see cref="Available"/>:
/// usable without further setup (an API key is configured, or the provider is local). The agent's primary model is
/// tagged <c>default</c>.
/// </summary>
public sealed record ModelChoice(string Id, string Name, string Provider)
{
    public int? ContextWindow { get; init; }
    public bool Local { get; init; }
    public IReadOnlyList<string> Input { get; init; } = [];
    public bool Reasoning { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public bool Available { get; init; }
}
