namespace OpenClaw.Gateway.Protocol;

/// <summary>One gateway or client instance in <c>snapshot.presence</c> / the <c>presence</c> event.</summary>
public sealed record PresenceEntry(long Ts)
{
    public string? Host { get; init; }
    public string? Ip { get; init; }
    public string? Version { get; init; }
    public string? Platform { get; init; }
    public string? DeviceFamily { get; init; }
    public string? Mode { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public string? Text { get; init; }
    public string? DeviceId { get; init; }
    public IReadOnlyList<string>? Roles { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
    public string? InstanceId { get; init; }
}
