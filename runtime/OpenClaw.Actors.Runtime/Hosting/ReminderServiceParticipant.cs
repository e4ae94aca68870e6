using OpenClaw.Actors.Runtime.Reminders;

namespace OpenClaw.Actors.Runtime.Hosting;

/// <summary>Starts the reminder service with the silo and stops it before activations are deactivated.</summary>
internal sealed class ReminderServiceParticipant(ReminderService reminders) : ISiloLifecycleParticipant
{
    public Task StartAsync(CancellationToken cancellationToken) => reminders.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => reminders.StopAsync(cancellationToken);
}
