using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Runtime.Hosting;

namespace OpenClaw.Actors.RabbitMq.Tests.TestGrains;

/// <summary>
/// A grain shaped like a chat session, for rebalancing stress tests: a start turn records the job in its state, asks to
/// stay active (<c>DelayDeactivation</c>), registers a watchdog reminder, updates the shared <see cref="IJobIndexGrain"/>
/// (a grain-to-grain call through the broker, as a session updates its agent's index) and starts the work in the
/// background; the work reports back with <see cref="CompleteAsync"/>, another call through the broker. Moving the grain
/// while its work runs would cut the work: <see cref="OnDeactivateAsync"/> records that in the <see cref="JobLedger"/>.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    Task StartAsync(string jobId, int workMilliseconds);

    Task CompleteAsync(string jobId);
}

public sealed class JobState
{
    public string? ActiveJob { get; set; }
}

public sealed class JobGrain([PersistentState("job")] IPersistentState<JobState> state, JobLedger ledger) : Grain, IJobGrain, IRemindable
{
    public const string WatchdogReminder = "job-watchdog";
    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromSeconds(1);

    private string? _running;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // As a session settles a run that a dead or stopped activation left behind.
        if (state.State.ActiveJob is { } cut)
        {
            ledger.Record(cut, JobEvents.Recovered, SiloName());
            state.State.ActiveJob = null;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task StartAsync(string jobId, int workMilliseconds)
    {
        if (state.State.ActiveJob is not null) throw new InvalidOperationException($"job {state.State.ActiveJob} is still running");
        state.State.ActiveJob = jobId;
        await state.WriteStateAsync();
        ledger.Record(jobId, JobEvents.Started, SiloName());
        DelayDeactivation(TimeSpan.FromMinutes(5));
        _running = jobId;
        await RegisterOrUpdateReminder(WatchdogReminder, WatchdogPeriod, WatchdogPeriod);
        await GrainFactory.GetGrain<IJobIndexGrain>(JobIndexGrain.Key).UpsertAsync(GetPrimaryKeyString());
        var self = GrainFactory.GetGrain<IJobGrain>(GetPrimaryKeyString());
        ledger.Track(jobId, Task.Run(async () =>
        {
            await Task.Delay(workMilliseconds);
            await self.CompleteAsync(jobId);
        }));
    }

    public async Task CompleteAsync(string jobId)
    {
        if (state.State.ActiveJob != jobId || _running != jobId)
        {
            ledger.Record(jobId, JobEvents.Stale, SiloName());
            return;
        }

        state.State.ActiveJob = null;
        _running = null;
        await state.WriteStateAsync();
        DelayDeactivation(TimeSpan.Zero);
        ledger.Record(jobId, JobEvents.Completed, SiloName());
        await GrainFactory.GetGrain<IJobIndexGrain>(JobIndexGrain.Key).UpsertAsync(GetPrimaryKeyString());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchdogReminder) return;
        if (state.State.ActiveJob is { } job && _running != job)
        {
            ledger.Record(job, JobEvents.Recovered, SiloName());
            state.State.ActiveJob = null;
            await state.WriteStateAsync();
        }

        if (state.State.ActiveJob is null && await GetReminder(WatchdogReminder) is { } reminder) await UnregisterReminder(reminder);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_running is not { } job) return;
        // What a session does when it is deactivated during a run: settle it as cut off. (A session also tells its
        // index; not done here: on a stopping silo such a call to a grain of the same shard waits for its deadline,
        // because the shard's channel closes only once all its grains are gone. A known, bounded stall of a stop.)
        ledger.Record(job, JobEvents.Interrupted, SiloName(), reason.Code);
        state.State.ActiveJob = null;
        _running = null;
        await state.WriteStateAsync(cancellationToken);
    }

    private string SiloName() => ServiceProvider.GetRequiredService<IOptions<EmbeddedSiloOptions>>().Value.SiloName;
}

/// <summary>
/// One grain every <see cref="JobGrain"/> updates, like an agent's session index: busy, on one shard, with a grain timer
/// that writes its state behind (timer turns reach the activation outside any shard receiver).
/// </summary>
public interface IJobIndexGrain : IGrainWithStringKey
{
    Task UpsertAsync(string jobKey);

    [ReadOnly]
    Task<int> CountAsync();
}

public sealed class JobIndexState
{
    public int Updates { get; set; }
}

public sealed class JobIndexGrain([PersistentState("jobindex")] IPersistentState<JobIndexState> state) : Grain, IJobIndexGrain
{
    public const string Key = "jobs";

    private readonly HashSet<string> _keys = [];
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterGrainTimer(FlushAsync, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        return Task.CompletedTask;
    }

    public Task UpsertAsync(string jobKey)
    {
        _keys.Add(jobKey);
        state.State.Updates++;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<int> CountAsync() => Task.FromResult(_keys.Count);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_dirty) return;
        _dirty = false;
        await state.WriteStateAsync(cancellationToken);
    }
}
