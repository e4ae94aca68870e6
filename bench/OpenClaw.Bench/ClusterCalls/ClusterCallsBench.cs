using OpenClaw.Actors;
using System.Diagnostics;
using System.Globalization;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.RabbitMq;
using RabbitMQ.Client;

namespace OpenClaw.Bench.ClusterCalls;

/// <summary>
/// <c>--only cluster-calls</c>: the grain call path through RabbitMQ against the same calls in-process, with silos and
/// a client inside this process (no gateway): sequential latency p50/p99, concurrent throughput, and failover time
/// (a silo's connection is aborted without a hand-off; time to the first successful call on one of its shards).
/// Needs a broker: OPENCLAW_RABBITMQ_URI, else 127.0.0.1:5672 (<c>scripts/servers/rabbitmq.sh start</c>). Uses a
/// fresh queue prefix and deletes its queues at the end.
/// </summary>
internal static class ClusterCallsBench
{
    public const string Usage = """
        Usage: OpenClaw.Bench --only cluster-calls [--quick] [--calls N] [--workers N] [--seconds S] [--failover-rounds N] [--shards N]
        Grain calls through RabbitMQ vs in-process (silos inside the bench process), and failover time. Needs RabbitMQ at
        OPENCLAW_RABBITMQ_URI or amqp://guest:guest@127.0.0.1:5672/ (scripts/servers/rabbitmq.sh start).
        """;

    private sealed record Options(int Calls = 2_000, int Workers = 16, int Seconds = 10, int FailoverRounds = 3, int Shards = 16);

    public static bool IsRequested(IReadOnlyList<string> args) => BrokerBenchSupport.IsOnly(args, "cluster-calls");

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        Options options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (await BrokerBenchSupport.FindBrokerAsync() is not { } uri) return 1;

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var prefix = $"bench-{Guid.NewGuid():N}";
        void Transport(RabbitMqTransportOptions o)
        {
            o.Uri = uri;
            o.QueuePrefix = prefix;
            o.ShardCount = options.Shards;
            o.OwnershipProbeInterval = TimeSpan.FromSeconds(1);
            o.RebalanceInterval = TimeSpan.FromMilliseconds(500);
            o.HandOffPause = TimeSpan.FromMilliseconds(20);
        }

        var rows = new List<string>();
        void Progress(string line) => Console.Error.WriteLine($"bench: {line}");
        try
        {
            await using (var local = await BenchSilo.StartInProcessAsync(stop.Token))
            {
                Progress("in-process calls");
                var latency = await CallPhases.SequentialAsync(local.Client, options.Calls, stop.Token);
                var throughput = await CallPhases.ConcurrentAsync(local.Client, options.Workers, TimeSpan.FromSeconds(options.Seconds), stop.Token);
                rows.Add(Row("in-process", latency, throughput));
            }

            var silos = new List<BenchSilo> { await BenchSilo.StartClusterSiloAsync("bench-silo-0", Transport, stop.Token) };
            await using var client = await BenchSilo.StartClientAsync(Transport, stop.Token);
            try
            {
                Progress("calls through RabbitMQ (1 silo)");
                var latency = await CallPhases.SequentialAsync(client.Client, options.Calls, stop.Token);
                var throughput = await CallPhases.ConcurrentAsync(client.Client, options.Workers, TimeSpan.FromSeconds(options.Seconds), stop.Token);
                rows.Add(Row($"RabbitMQ, 1 silo, {options.Shards} shards", latency, throughput));

                var failovers = new List<TimeSpan>();
                for (var round = 1; round <= options.FailoverRounds; round++)
                {
                    silos.Add(await BenchSilo.StartClusterSiloAsync($"bench-silo-{round}", Transport, stop.Token));
                    await WaitAsync(() => silos.All(s => s.Ownership!.OwnedShards.Count > 0), "both silos own shards", stop.Token);
                    var victim = silos[0];
                    var shard = victim.Ownership!.OwnedShards[0];
                    var key = KeyOnShard(shard, options.Shards);
                    await client.Client.GetGrain<IPingGrain>(key).PingAsync(0).WaitAsync(stop.Token);
                    var killed = Stopwatch.GetTimestamp();
                    await victim.KillAsync();
                    silos.RemoveAt(0);
                    var failover = await CallPhases.FirstSuccessAsync(client.Client, key, killed, TimeSpan.FromSeconds(60), stop.Token);
                    failovers.Add(failover);
                    Progress($"failover round {round}: {failover.TotalMilliseconds:F0} ms");
                }

                if (failovers.Count > 0)
                {
                    failovers.Sort();
                    rows.Add($"| failover (connection aborted, {failovers.Count} rounds) | | | | | median {Ms(failovers[failovers.Count / 2])}, max {Ms(failovers[^1])} |");
                }
            }
            finally
            {
                foreach (var silo in silos) await silo.DisposeAsync();
            }
        }
        finally
        {
            await DeleteQueuesAsync(uri, prefix, options.Shards);
        }

        Console.WriteLine();
        Console.WriteLine($"Grain calls, {Environment.ProcessorCount} cores, {options.Calls} sequential calls, {options.Workers} concurrent callers for {options.Seconds} s");
        Console.WriteLine();
        Console.WriteLine("| path | p50 | p99 | max | calls/s (concurrent) | failover |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var row in rows) Console.WriteLine(row);
        return 0;
    }

    private static string Row(string path, CallPhases.LatencyResult latency, CallPhases.ThroughputResult throughput) =>
        $"| {path} | {Ms(latency.P50)} | {Ms(latency.P99)} | {Ms(latency.Max)} | {throughput.PerSecond:F0}" +
        (throughput.Failures > 0 ? $" ({throughput.Failures} failed)" : "") + " | |";

    private static string Ms(TimeSpan value) => $"{value.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture)} ms";

    /// <summary>A grain key whose shard is <paramref name="shard"/> (the bench kills that shard's owner).</summary>
    private static string KeyOnShard(int shard, int shardCount)
    {
        for (var i = 0; ; i++)
        {
            var key = $"failover-{i}";
            if (ShardMap.ShardOf(GrainId.Create("ping", key), shardCount) == shard) return key;
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (limit.IsCancellationRequested) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task DeleteQueuesAsync(string uri, string prefix, int shards)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        for (var shard = 0; shard < shards; shard++) await channel.QueueDeleteAsync($"{prefix}.shard.{shard}");
        await channel.QueueDeleteAsync($"{prefix}.dead");
        await channel.QueueDeleteAsync($"{prefix}.members");
        await channel.ExchangeDeleteAsync($"{prefix}.dlx");
    }

    private static Options Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? new Options(Calls: 300, Workers: 8, Seconds: 3, FailoverRounds: 1) : new Options();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--only" => Value() == "cluster-calls" ? options : throw new ArgumentException("--only cluster-calls cannot be combined with other phases."),
                "--quick" => options,
                "--calls" => options with { Calls = Positive(name, Value()) },
                "--workers" => options with { Workers = Positive(name, Value()) },
                "--seconds" => options with { Seconds = Positive(name, Value()) },
                "--failover-rounds" => options with { FailoverRounds = int.TryParse(Value(), out var rounds) && rounds >= 0 ? rounds : throw new ArgumentException("--failover-rounds must be 0 or more.") },
                "--shards" => options with { Shards = Positive(name, Value()) },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive integer.");
}
