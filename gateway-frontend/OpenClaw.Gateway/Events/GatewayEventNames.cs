namespace OpenClaw.Gateway.Events;

/// <summary>Events the front tier itself emits (method groups add theirs with <c>AddGatewayEvents</c>).</summary>
public static class GatewayEventNames
{
    public const string ConnectChallenge = "connect.challenge";
    public const string Tick = "tick";
    public const string Shutdown = "shutdown";
    public const string Health = "health";
    public const string Presence = "presence";

    public static IReadOnlyList<string> Core { get; } = [ConnectChallenge, Presence, Tick, Shutdown, Health];
}
