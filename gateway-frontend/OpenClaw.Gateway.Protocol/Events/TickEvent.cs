namespace OpenClaw.Gateway.Protocol;

/// <summary>Payload of <c>tick</c>; clients treat two missed ticks as a dead connection.</summary>
public sealed record TickEvent(long Ts);
