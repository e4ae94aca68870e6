using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary><c>models.list</c> params (the CLI sends <c>view:"default", includeDetails:true</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ModelsListParams
{
    public string? AgentId { get; init; }
    public string? View { get; init; }
    public bool? IncludeDetails { get; init; }
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
