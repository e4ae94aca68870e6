using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace OpenClaw.Actors.RabbitMq.Status;

/// <summary>
/// Feeds every beat of the cluster into this front's <see cref="ClusterStatusView"/>: an exclusive, auto-deleted
/// queue bound to the status exchange, consumed with manual acks and a prefetch of <see cref="Prefetch"/>.
/// Overflow rule: the queue holds at most <see cref="MaxQueuedBeats"/> beats and drops the oldest first (a newer beat
/// of the same node replaces it anyway), and beats older than the dead-after time expire in it. Until the broker is
/// reachable the subscription is retried every beat interval.
/// </summary>
internal sealed partial class ClusterStatusSubscriber(
    StatusConnection connection,
    ClusterStatusView view,
    IOptions<ClusterStatusOptions> options,
    TimeProvider time,
    ILogger<ClusterStatusSubscriber> logger) : BackgroundService
{
    public const ushort Prefetch = 64;
    public const int MaxQueuedBeats = 1000;
    private const int MaxBeatBytes = 1024 * 1024;

    private readonly ILogger<ClusterStatusSubscriber> _logger = logger;
    private int _ignoredLogged;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IChannel? channel = null;
        try
        {
            while (channel is null)
            {
                try
                {
                    channel = await SubscribeAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException && !stoppingToken.IsCancellationRequested)
                {
                    LogSubscribeFailed(exception);
                    await Task.Delay(options.Value.BeatInterval, time, stoppingToken).ConfigureAwait(false);
                }
            }

            // Deliveries arrive on the channel's consumer; recovery re-subscribes after a broker restart.
            await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            if (channel is not null)
            {
                try
                {
                    await channel.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    LogCloseFailed(exception);
                }
            }
        }
    }

    private async Task<IChannel> SubscribeAsync(CancellationToken cancellationToken)
    {
        var open = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        var channel = await open.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await channel.BasicQosAsync(0, Prefetch, global: false, cancellationToken).ConfigureAwait(false);
            var arguments = new Dictionary<string, object?>
            {
                ["x-message-ttl"] = (int)Math.Min(int.MaxValue, options.Value.DeadAfter.TotalMilliseconds),
                ["x-max-length"] = MaxQueuedBeats,
                ["x-overflow"] = "drop-head",
            };
            var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, arguments,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueBindAsync(queue.QueueName, connection.Exchange, routingKey: "", cancellationToken: cancellationToken).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => OnBeatAsync(channel, delivery);
            await channel.BasicConsumeAsync(queue.QueueName, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
            LogSubscribed(connection.Exchange);
            return channel;
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task OnBeatAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        try
        {
            Apply(delivery.BasicProperties.Type, delivery.Body.Span);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            LogBadBeat(exception, delivery.BasicProperties.Type ?? "(none)");
        }

        try
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The channel closed under the beat; it is redelivered (or expires) after recovery.
            LogAckFailed(exception);
        }
    }

    private void Apply(string? kind, ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBeatBytes) throw new NotSupportedException($"A beat of {body.Length} bytes is over the {MaxBeatBytes}-byte bound.");
        var applied = kind switch
        {
            StatusTopology.SiloBeat => JsonSerializer.Deserialize(body, DiagnosticsJson.Default.SiloStatusReport) is { } silo && view.Apply(silo),
            StatusTopology.FrontBeat => JsonSerializer.Deserialize(body, DiagnosticsJson.Default.FrontStatusReport) is { } front && view.Apply(front),
            _ => throw new NotSupportedException($"Unknown beat type '{kind}'."),
        };
        if (!applied && Interlocked.Exchange(ref _ignoredLogged, 1) == 0) LogViewFull(options.Value.MaxNodes);
    }

    [LoggerMessage(2882, LogLevel.Debug, "Dashboard beats: subscribed to {Exchange}")]
    private partial void LogSubscribed(string exchange);

    [LoggerMessage(2883, LogLevel.Warning, "Dashboard beats: subscribing failed; retrying every beat interval")]
    private partial void LogSubscribeFailed(Exception exception);

    [LoggerMessage(2884, LogLevel.Warning, "Dashboard beats: a beat of type {Kind} could not be read and was dropped")]
    private partial void LogBadBeat(Exception exception, string kind);

    [LoggerMessage(2885, LogLevel.Debug, "Dashboard beats: acknowledging a beat failed")]
    private partial void LogAckFailed(Exception exception);

    [LoggerMessage(2886, LogLevel.Warning, "Dashboard beats: the view already tracks {MaxNodes} nodes; beats of further nodes are ignored until older ones are forgotten")]
    private partial void LogViewFull(int maxNodes);

    [LoggerMessage(2887, LogLevel.Debug, "Dashboard beats: closing the subscription channel failed")]
    private partial void LogCloseFailed(Exception exception);
}
