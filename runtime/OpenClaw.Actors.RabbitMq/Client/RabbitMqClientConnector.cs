using Microsoft.Extensions.Hosting;

namespace OpenClaw.Actors.RabbitMq.Client;

/// <summary>Connects the call client when the host starts, so a wrong URI or an unreachable broker fails startup, not the first call.</summary>
internal sealed class RabbitMqClientConnector(RabbitMqGrainCallInvoker invoker) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => invoker.ConnectAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
