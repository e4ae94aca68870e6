namespace OpenClaw.Gateway.Logging;

/// <summary>Where this process writes its JSON-lines log; <c>logs.tail</c> reads it. Registered by <c>AddOpenClawFileLogging</c>.</summary>
public sealed record GatewayLogFile(string Path);
