using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Events;

/// <summary>
/// On graceful stop (ApplicationStopping, before the server stops) tells every authenticated connection
/// <c>shutdown {reason:"gateway stopping"}</c> and closes every connection 1012 at once, so clients reconnect instead
/// of timing out. <see cref="StopAsync"/> (which runs before the server's own stop) waits for them at most
/// <see cref="GatewayOptions.CloseTimeout"/> and aborts the rest, so stopping takes a bounded time with any number of
/// connections. Connections that arrive afterwards are refused at admission (UNAVAILABLE, 1013).
/// </summary>
internal sealed partial class GatewayShutdownNotifier(
    IHostApplicationLifetime lifetime,
    IGatewayEventBroadcaster broadcaster,
    ConnectionRegistry connections,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<GatewayShutdownNotifier> logger) : IHostedService
{
    public const string Reason = "gateway stopping";

    private readonly CancellationTokenSource _stopWaiting = new();
    private CancellationTokenRegistration _registration;
    private Task<int>? _closing;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(NotifyAll);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _registration.DisposeAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _closing) is not { } closing)
        {
            return;
        }

        // The host's stop token ends the wait early; CloseAllAsync then aborts what is left.
        await using (cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _stopWaiting).ConfigureAwait(false))
        {
            var aborted = await closing.ConfigureAwait(false);
            if (aborted > 0)
            {
                LogAborted(logger, aborted);
            }
        }

        _stopWaiting.Dispose();
    }

    private void NotifyAll()
    {
        LogShuttingDown(logger, connections.Count);
        broadcaster.Broadcast(GatewayEventNames.Shutdown, new ShutdownEvent(Reason), ProtocolJson.Default.ShutdownEvent);
        Volatile.Write(ref _closing, connections.CloseAllAsync(
            WebSocketCloseCodes.ServiceRestart, Reason, options.Value.CloseTimeout, time, _stopWaiting.Token));
    }

    [LoggerMessage(1300, LogLevel.Information, "Gateway stopping: notifying {ConnectionCount} connections")]
    private static partial void LogShuttingDown(ILogger logger, int connectionCount);

    [LoggerMessage(1301, LogLevel.Warning, "Gateway stopping: {ConnectionCount} connections did not close in time and were aborted")]
    private static partial void LogAborted(ILogger logger, int connectionCount);
}
