namespace OpenClaw.Actors.Diagnostics;

/// <summary>
/// A front node's beat: open client connections and session subscriptions (null when the node cannot count them).
/// </summary>
public sealed record FrontStatusReport(string Name, DateTimeOffset SentAt, int Connections, int? Subscriptions);
