namespace OpenClaw.Gateway.Protocol;

/// <summary>Payload of <c>shutdown</c>, sent to every connection before a graceful stop closes it with 1012.</summary>
public sealed record ShutdownEvent(string Reason)
{
    public long? RestartExpectedMs { get; init; }
}
