namespace OpenClaw.Actors.Tests.TestGrains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period);
    Task UnregisterAsync(string name);
    Task PublishAsync(string text);
    Task DeactivateAsync();
}

/// <summary>Counts reminder deliveries in <see cref="Probes"/> under <c>{key}:reminder:{name}</c>.</summary>
public sealed class ReminderGrain(Probes probes) : Grain, IReminderGrain, IRemindable
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probes.OnActivated(GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public async Task UnregisterAsync(string name)
    {
        if (await GetReminder(name) is { } reminder) await UnregisterReminder(reminder);
    }

    public Task PublishAsync(string text) =>
        GetStreamProvider("default").GetStream<string>(StreamId.Create("test", GetPrimaryKeyString())).OnNextAsync(text);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probes.Increment($"{GetPrimaryKeyString()}:reminder:{reminderName}");
        return Task.CompletedTask;
    }
}
