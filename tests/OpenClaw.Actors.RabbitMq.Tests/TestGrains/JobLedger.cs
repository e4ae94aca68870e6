using System.Collections.Concurrent;

namespace OpenClaw.Actors.RabbitMq.Tests.TestGrains;

public enum JobEvents
{
    Started,
    Completed,
    /// <summary>The activation running the job was deactivated before the job reported back.</summary>
    Interrupted,
    /// <summary>A later activation found the job recorded as running and settled it (the run was cut off).</summary>
    Recovered,
    /// <summary>A report for a job this activation does not run (it was settled otherwise).</summary>
    Stale,
    /// <summary>The background work could not report back (its call failed).</summary>
    ReportFailed,
}

/// <summary>What happened to every job of <see cref="JobGrain"/>, in order, over all silos of one test (never static).</summary>
public sealed class JobLedger
{
    private readonly ConcurrentQueue<JobEntry> _entries = new();
    private readonly ConcurrentDictionary<string, Task> _work = new();

    public IReadOnlyList<JobEntry> Entries => [.. _entries];

    public void Record(string jobId, JobEvents what, string silo, DeactivationReasonCode? reason = null) =>
        _entries.Enqueue(new JobEntry(jobId, what, silo, reason));

    /// <summary>Owns a job's background work: a failure to report back is recorded, never lost.</summary>
    public void Track(string jobId, Task work)
    {
        _work[jobId] = work.ContinueWith(
            done => { if (done.Exception is { } failure) Record(jobId, JobEvents.ReportFailed, failure.InnerException?.GetType().Name ?? "?"); },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when every background work started so far has reported back (or failed to).</summary>
    public Task AllWorkDoneAsync() => Task.WhenAll(_work.Values);

    public IReadOnlyList<JobEntry> Of(string jobId) => [.. _entries.Where(e => e.JobId == jobId)];
}

public sealed record JobEntry(string JobId, JobEvents What, string Silo, DeactivationReasonCode? Reason);
