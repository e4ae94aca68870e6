using Microsoft.Extensions.Hosting;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>Connects the stream provider when the host starts, so an unreachable broker fails startup rather than the first event.</summary>
internal sealed class RabbitMqStreamConnector(RabbitMqStreamProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => provider.ConnectAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
