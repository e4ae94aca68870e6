using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors.Runtime.Catalog;
using OpenClaw.Actors.Runtime.Collection;

namespace OpenClaw.Actors.Runtime.Hosting;

/// <summary>
/// The silo's lifetime: starts idle collection (and reminders) with the host, and on stop deactivates every
/// activation with reason <see cref="DeactivationReasonCode.ShuttingDown"/>, so grains can flush state.
/// </summary>
public sealed partial class SiloHostedService(
    GrainCatalog catalog,
    ActivationCollector collector,
    IEnumerable<ISiloLifecycleParticipant> participants,
    ILogger<SiloHostedService> logger) : IHostedService
{
    private readonly ILogger<SiloHostedService> _logger = logger;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        collector.Start();
        foreach (var participant in participants)
            await participant.StartAsync(cancellationToken).ConfigureAwait(false);
        LogStarted();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        collector.Stop();
        foreach (var participant in participants.Reverse())
            await participant.StopAsync(cancellationToken).ConfigureAwait(false);
        await catalog.DeactivateAllAsync(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is stopping."), cancellationToken)
            .ConfigureAwait(false);
        LogStopped();
    }

    [LoggerMessage(2140, LogLevel.Information, "Silo started")]
    private partial void LogStarted();

    [LoggerMessage(2141, LogLevel.Information, "Silo stopped")]
    private partial void LogStopped();
}

/// <summary>A silo service started after the catalog and stopped before activations are deactivated (reminders).</summary>
public interface ISiloLifecycleParticipant
{
    Task StartAsync(CancellationToken cancellationToken);
    Task StopAsync(CancellationToken cancellationToken);
}
