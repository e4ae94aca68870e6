using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Events;

/// <summary>
/// On graceful stop (ApplicationStopping, before the server stops) tells every authenticated connection
/// <c>shutdown {reason:"gateway stopping"}</c> and closes every connection 1012, so clients reconnect instead of
/// timing out. Connections that arrive afterwards are refused at admission (UNAVAILABLE, 1013).
/// </summary>
internal sealed partial class GatewayShutdownNotifier(
    IHostApplicationLifetime lifetime,
    IGatewayEventBroadcaster broadcaster,
    ConnectionRegistry connections,
    ILogger<GatewayShutdownNotifier> logger) : IHostedService
{
    public const string Reason = "gateway stopping";

    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(NotifyAll);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }

    private void NotifyAll()
    {
        LogShuttingDown(logger, connections.Count);
        broadcaster.Broadcast(GatewayEventNames.Shutdown, new ShutdownEvent(Reason), ProtocolJson.Default.ShutdownEvent);
        foreach (var connection in connections.Snapshot())
        {
            connection.Close(WebSocketCloseCodes.ServiceRestart, Reason);
        }
    }

    [LoggerMessage(1300, LogLevel.Information, "Gateway stopping: notifying {ConnectionCount} connections")]
    private static partial void LogShuttingDown(ILogger logger, int connectionCount);
}
