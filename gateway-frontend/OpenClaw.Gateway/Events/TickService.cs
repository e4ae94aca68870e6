using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Events;

/// <summary>Broadcasts <c>tick {ts}</c> every <see cref="GatewayOptions.TickInterval"/>; clients treat silence as a dead link.</summary>
internal sealed class TickService(IGatewayEventBroadcaster broadcaster, IOptions<GatewayOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // A tick is worthless once late, so a full send buffer skips it rather than closing the connection.
                broadcaster.Broadcast(GatewayEventNames.Tick, new TickEvent(time.GetUtcNow().ToUnixTimeMilliseconds()),
                    ProtocolJson.Default.TickEvent, dropIfSlow: true);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }
}
