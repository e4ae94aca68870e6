using OpenClaw.Actors.RabbitMq.Tests.Support;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;
using Xunit.Abstractions;

namespace OpenClaw.Actors.RabbitMq.Tests;

/// <summary>
/// Rebalancing under a load shaped like chat traffic: grains with background work (<see cref="JobGrain"/>: a start turn
/// that stays active, registers a watchdog reminder, calls a shared index grain and reports back through the broker
/// later) while silos join and leave again and again, so shards keep moving between live silos. A hand-off must never
/// cut a grain's background work, and no call may fail; only a silo that leaves may cut the work it hosts.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqRebalanceStressTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private const int Shards = 16;
    private const int Rounds = 3;
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ConvergenceBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SilosJoinAndLeaveRepeatedly_UnderLoadOfGrainsWithBackgroundWork_NoCallFailsAndNoHandOffCutsWork()
    {
        await using var cluster = new TestCluster(broker, Shards) { Rebalance = true, ResponseTimeout = CallBound };
        var anchor = await cluster.StartSiloAsync("silo-a");
        await Wait.UntilAsync(() => anchor.Ownership.OwnedShards.Count == Shards, "silo-a owns every shard");
        var client = cluster.CreateClient(responseTimeout: CallBound);
        var load = JobLoad.Start(client.Cluster, workers: 6, maxJobs: 20_000, maxDuration: TimeSpan.FromSeconds(150), CallBound);
        try
        {
            await load.UntilStartedAsync(50);
            for (var round = 0; round < Rounds; round++)
            {
                var second = await cluster.StartSiloAsync($"silo-b{round}");
                await WaitForBalanceAsync(anchor, second);
                var third = await cluster.StartSiloAsync($"silo-c{round}");
                await WaitForBalanceAsync(anchor, second, third);
                await third.StopAsync().WaitAsync(ConvergenceBound); // leaves: the work it hosts is cut (ShuttingDown)
                await WaitForBalanceAsync(anchor, second);
                await second.StopAsync().WaitAsync(ConvergenceBound);
                await WaitForBalanceAsync(anchor);
                output.WriteLine($"round {round} done at {load.Elapsed:g}: {load.Started.Count} jobs started, {load.Failures.Count} calls failed");
            }
        }
        catch (Exception exception)
        {
            output.WriteLine($"churn failed at {load.Elapsed:g}: {exception}");
            foreach (var line in cluster.Log.Lines.TakeLast(600)) output.WriteLine(line);
            throw;
        }
        finally
        {
            await load.StopAsync();
        }

        await cluster.Jobs.AllWorkDoneAsync().WaitAsync(CallBound + CallBound);
        var started = load.Started;
        var entries = cluster.Jobs.Entries;
        var byJob = entries.ToLookup(e => e.JobId);
        var cutByHandOff = entries.Where(e => e.What == JobEvents.Interrupted && e.Reason != DeactivationReasonCode.ShuttingDown).ToList();
        var recoveredUnsettled = entries.Where(e => e.What == JobEvents.Recovered && !byJob[e.JobId].Any(o => o.What == JobEvents.Interrupted)).ToList();
        var ranTwice = byJob.Where(g => g.Count(e => e.What == JobEvents.Started) > 1).Select(g => g.Key).ToList();
        var unfinished = started.Where(s => !byJob[s.JobId].Any(e => e.What is JobEvents.Completed or JobEvents.Interrupted)).ToList();
        output.WriteLine($"{started.Count} jobs started, {entries.Count(e => e.What == JobEvents.Completed)} completed, " +
            $"{entries.Count(e => e.What == JobEvents.Interrupted)} cut by a leaving silo or a hand-off, {load.Failures.Count} calls failed");

        var problems = load.Failures.Select(f => $"call failed at {f.At:g}: {f.What}: {f.Error.GetType().Name}: {f.Error.Message}")
            .Concat(cutByHandOff.Select(e => $"job {e.JobId} cut on {e.Silo} ({e.Reason})"))
            .Concat(recoveredUnsettled.Select(e => $"job {e.JobId} found cut off without a settlement, on {e.Silo}"))
            .Concat(ranTwice.Select(id => $"job {id} started twice"))
            .Concat(unfinished.Select(s => $"job {s.JobId} never finished: [{string.Join(", ", byJob[s.JobId].Select(e => $"{e.What} {e.Silo}"))}]"))
            .ToList();
        if (problems.Count > 0)
        {
            var keys = cutByHandOff.Concat(recoveredUnsettled).Select(e => started.FirstOrDefault(s => s.JobId == e.JobId).Key).OfType<string>();
            foreach (var line in cluster.Log.About([.. keys, "handing shard", "handed", "cancelled", "no longer", "now its"]).TakeLast(400)) output.WriteLine(line);
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems: {string.Join("; ", problems.Take(8))}");
    }

    /// <summary>Every live silo holds at most its fair share and together they hold every shard.</summary>
    private static Task WaitForBalanceAsync(params TestSilo[] silos)
    {
        var fairShare = (Shards + silos.Length - 1) / silos.Length;
        return Wait.UntilAsync(
            () => silos.All(s => s.Ownership.OwnedShards.Count <= fairShare) && silos.Sum(s => s.Ownership.OwnedShards.Count) == Shards,
            $"{silos.Length} silos to own at most {fairShare} shards each", ConvergenceBound);
    }
}
