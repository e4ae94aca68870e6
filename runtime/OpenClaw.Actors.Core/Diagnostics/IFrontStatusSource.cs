namespace OpenClaw.Actors.Diagnostics;

/// <summary>
/// The front tier's numbers for the dashboard, implemented by the gateway (which knows its sockets) and read by the
/// status providers (which know neither sockets nor the gateway).
/// </summary>
public interface IFrontStatusSource
{
    FrontCounters Read();
}

/// <summary>Open client connections, and session subscriptions when the front can count them.</summary>
public readonly record struct FrontCounters(int Connections, int? Subscriptions);
