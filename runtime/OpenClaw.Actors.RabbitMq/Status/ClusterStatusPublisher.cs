using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Status;

/// <summary>
/// Publishes this node's beat to the status exchange at start and then every <see cref="ClusterStatusOptions.BeatInterval"/>.
/// Beats are transient and expire when they would be stale anyway. A failed beat (broker away) is logged once and
/// retried on the next tick; the dashboard shows the node as not alive meanwhile, which is the truth.
/// </summary>
internal sealed partial class ClusterStatusPublisher(
    StatusConnection connection,
    IStatusBeatSource source,
    IOptions<ClusterStatusOptions> options,
    TimeProvider time,
    ILogger<ClusterStatusPublisher> logger) : BackgroundService
{
    private readonly ILogger<ClusterStatusPublisher> _logger = logger;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.BeatInterval;
        var expiration = ((long)options.Value.DeadAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        using var timer = new PeriodicTimer(interval, time);
        IChannel? channel = null;
        var failing = false;
        try
        {
            do
            {
                try
                {
                    channel ??= await (await connection.GetAsync(stoppingToken).ConfigureAwait(false))
                        .CreateChannelAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                    var properties = new BasicProperties
                    {
                        Type = source.Kind,
                        ContentType = MessageKinds.JsonContentType,
                        Expiration = expiration,
                        DeliveryMode = DeliveryModes.Transient,
                    };
                    await channel.BasicPublishAsync(connection.Exchange, routingKey: "", mandatory: false, properties, source.Build(), stoppingToken)
                        .ConfigureAwait(false);
                    if (failing) LogRecovered(source.Kind);
                    failing = false;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    if (!failing) LogBeatFailed(exception, source.Kind);
                    failing = true;
                    channel = await DisposeQuietlyAsync(channel).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            await DisposeQuietlyAsync(channel).ConfigureAwait(false);
        }
    }

    private static async Task<IChannel?> DisposeQuietlyAsync(IChannel? channel)
    {
        if (channel is null) return null;
        try
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The channel is already broken; a new one is opened for the next beat.
        }

        return null;
    }

    [LoggerMessage(2880, LogLevel.Warning, "Publishing the dashboard beat ({Kind}) failed; retrying every beat interval")]
    private partial void LogBeatFailed(Exception exception, string kind);

    [LoggerMessage(2881, LogLevel.Information, "Dashboard beats ({Kind}) are published again")]
    private partial void LogRecovered(string kind);
}
