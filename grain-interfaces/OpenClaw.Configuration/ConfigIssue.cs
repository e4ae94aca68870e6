namespace OpenClaw.Configuration;

/// <summary>A problem or warning about one config path (dotted, e.g. <c>gateway.port</c>; empty for the whole file).</summary>
public sealed record ConfigIssue(string Path, string Message);
