using OpenClaw.Actors.RabbitMq.Silo.Rebalancing;

namespace OpenClaw.Actors.RabbitMq.Tests;

/// <summary>The rebalancing decision alone: fair share, who gives a shard away, and when moves stop.</summary>
public sealed class RebalancePlanTests
{
    [Fact]
    public void ShardToRelease_AboveFairShare_ReleasesTheHighestOwnedShard()
    {
        Assert.Equal(7, RebalancePlan.ShardToRelease([0, 1, 2, 3, 4, 5, 6, 7], shardCount: 8, silos: 2));
    }

    [Fact]
    public void ShardToRelease_HighestShardBusy_ReleasesTheHighestIdleShard()
    {
        Assert.Equal(5, RebalancePlan.ShardToRelease([0, 1, 2, 3, 4, 5, 6, 7], shardCount: 8, silos: 2, isBusy: shard => shard >= 6));
    }

    [Fact]
    public void ShardToRelease_EveryShardBusy_ReleasesNothingThisRound()
    {
        Assert.Null(RebalancePlan.ShardToRelease([0, 1, 2, 3, 4, 5, 6, 7], shardCount: 8, silos: 2, isBusy: _ => true));
    }

    [Fact]
    public void ShardToRelease_AtFairShare_ReleasesNothing()
    {
        Assert.Null(RebalancePlan.ShardToRelease([0, 1, 2, 3], shardCount: 8, silos: 2));
    }

    [Fact]
    public void ShardToRelease_OddShardCount_FairShareIsRoundedUp()
    {
        Assert.Null(RebalancePlan.ShardToRelease([0, 1, 2, 3, 4], shardCount: 9, silos: 2)); // ceil(9 / 2) = 5
        Assert.Equal(5, RebalancePlan.ShardToRelease([0, 1, 2, 3, 4, 5], shardCount: 9, silos: 2));
    }

    [Fact]
    public void ShardToRelease_AloneInTheCluster_ReleasesNothing()
    {
        Assert.Null(RebalancePlan.ShardToRelease([0, 1, 2, 3, 4, 5, 6, 7], shardCount: 8, silos: 1));
        Assert.Null(RebalancePlan.ShardToRelease([0, 1, 2, 3, 4, 5, 6, 7], shardCount: 8, silos: 0));
    }

    [Fact]
    public void Simulation_SilosJoinOneByOneThenOneLeaves_ConvergesToFairSharesAndStops()
    {
        // Every silo follows the plan; a released shard goes to the next silo in the queue's waiting order (the broker's
        // single-active-consumer rule) and the releasing silo re-subscribes at the back.
        const int shards = 16;
        var queues = Enumerable.Range(0, shards).Select(_ => new List<int> { 0 }).ToArray(); // per shard: active first
        var live = new List<int> { 0 };

        void Converge(string step)
        {
            var moves = 0;
            for (var round = 0; round < 1_000; round++)
            {
                var moved = false;
                foreach (var silo in live)
                {
                    var owned = Enumerable.Range(0, shards).Where(s => queues[s][0] == silo).ToList();
                    if (RebalancePlan.ShardToRelease(owned, shards, live.Count) is not { } shard) continue;
                    queues[shard].RemoveAt(0);
                    queues[shard].Add(silo);
                    moves++;
                    moved = true;
                }

                if (!moved) break;
            }

            var fairShare = RebalancePlan.FairShare(shards, live.Count);
            Assert.All(live, silo => Assert.InRange(queues.Count(q => q[0] == silo), 1, fairShare));
            Assert.InRange(moves, 0, shards * 2); // bounded: no flapping
        }

        for (var silo = 1; silo <= 3; silo++)
        {
            live.Add(silo);
            foreach (var queue in queues) queue.Add(silo);
            Converge($"silo {silo} joined");
        }

        live.Remove(1); // a silo leaves: the broker activates the next waiting consumer of each of its shards
        foreach (var queue in queues) queue.Remove(1);
        Converge("silo 1 left");
    }
}
