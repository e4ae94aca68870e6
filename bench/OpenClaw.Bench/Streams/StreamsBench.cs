using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors;
using OpenClaw.Actors.RabbitMq.Streams;
using OpenClaw.Actors.Streams;
using OpenClaw.Bench.Measuring;
using RabbitMQ.Client;

namespace OpenClaw.Bench.Streams;

/// <summary>
/// <c>--only streams</c>: the RabbitMQ stream provider with one publisher node and two subscriber nodes (the silo and
/// two front nodes; each its own provider and connection, inside this process). Latency: one stream, each publish
/// awaited, publish→deliver p50/p99 over both subscribers. Fan-out: many streams published concurrently for a fixed
/// time, first with each publish awaited (as grains publish), then with <c>--window</c> unconfirmed publishes per
/// stream; events/s confirmed by the broker and delivered per subscriber, order checked per stream (fresh streams per
/// phase), loss = published − delivered after the drain. Subscribers use the front tier's settings
/// (namespace subscription, Wait, 4096). Needs RabbitMQ at OPENCLAW_RABBITMQ_URI or 127.0.0.1:5672.
/// </summary>
internal static class StreamsBench
{
    public const string Usage = """
        Usage: OpenClaw.Bench --only streams [--quick] [--events N] [--streams N] [--window N] [--seconds S] [--payload BYTES]
        Stream events from one publisher node to two subscriber nodes through RabbitMQ. Needs RabbitMQ at
        OPENCLAW_RABBITMQ_URI or amqp://guest:guest@127.0.0.1:5672/ (scripts/servers/rabbitmq.sh start).
        """;

    private const string Namespace = "session";
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);

    private sealed record Options(int Events = 5_000, int Streams = 64, int Window = 16, int Seconds = 10, int Payload = 200);

    /// <summary>How grains publish: each session awaits every publish, so one item per stream is in flight.</summary>
    private const int AwaitedWindow = 1;

    public static bool IsRequested(IReadOnlyList<string> args) => BrokerBenchSupport.IsOnly(args, "streams");

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
        var text = new string('x', options.Payload);
        var latencyCapacity = 4_000_000;
        var latencies = new LatencyRecorder(latencyCapacity);
        var nodes = new List<ServiceProvider>();
        try
        {
            var publisher = await StartNodeAsync(nodes, uri, prefix, "silo", stop.Token);
            var subscribers = new[] { new StreamSubscriberNode(latencies), new StreamSubscriberNode(latencies) };
            for (var i = 0; i < subscribers.Length; i++)
            {
                var node = await StartNodeAsync(nodes, uri, prefix, $"front-{i}", stop.Token);
                await node.SubscribeNamespaceAsync<BenchStreamEvent>(Namespace, subscribers[i].OnNextAsync,
                    new StreamSubscriptionOptions { Capacity = 4096, OverflowPolicy = StreamOverflowPolicy.Wait });
            }

            Progress($"latency: {options.Events} events on one stream, each publish awaited");
            var latency = await LatencyPhaseAsync(publisher, subscribers, latencies, options, text, stop.Token);
            var fanOuts = new List<FanOutResult>();
            foreach (var window in new[] { AwaitedWindow, options.Window }.Distinct())
            {
                latencies = new LatencyRecorder(latencyCapacity);
                foreach (var subscriber in subscribers) subscriber.Reset(latencies);
                Progress($"fan-out: {options.Streams} streams, window {window}, {options.Seconds} s");
                fanOuts.Add(await FanOutPhaseAsync(publisher, subscribers, latencies, options with { Window = window }, text, stop.Token));
            }

            Print(options, latency, fanOuts);
            return fanOuts.All(f => f.Lost == 0 && f.OutOfOrder == 0) && latency.Lost == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            await DeleteExchangeAsync(uri, prefix);
        }
    }

    private sealed record LatencyResult(TimeSpan P50, TimeSpan P99, TimeSpan Max, TimeSpan ConfirmP50, TimeSpan ConfirmP99, long Lost);

    private sealed record FanOutResult(int Window, long Published, double PublishedPerSecond, double DeliveredPerSecond, TimeSpan P50, TimeSpan P99, long Lost, long OutOfOrder);

    private static async Task<LatencyResult> LatencyPhaseAsync(RabbitMqStreamProvider publisher, StreamSubscriberNode[] subscribers, LatencyRecorder delivered, Options options,
        string text, CancellationToken cancellationToken)
    {
        var stream = publisher.GetStream<BenchStreamEvent>(StreamId.Create(Namespace, "latency"));
        var confirms = new LatencyRecorder(options.Events);
        for (var seq = 0; seq < options.Events; seq++)
        {
            var started = Stopwatch.GetTimestamp();
            await stream.OnNextAsync(new BenchStreamEvent(seq, started, text), cancellationToken);
            confirms.Record(Stopwatch.GetTimestamp() - started);
        }

        var lost = await DrainAsync(subscribers, options.Events, cancellationToken);
        var all = delivered.Summarize();
        var confirmed = confirms.Summarize();
        return new LatencyResult(all.Percentile(50), all.Percentile(99), all.Percentile(100), confirmed.Percentile(50), confirmed.Percentile(99), lost);
    }

    private static async Task<FanOutResult> FanOutPhaseAsync(RabbitMqStreamProvider publisher, StreamSubscriberNode[] subscribers, LatencyRecorder delivered, Options options,
        string text, CancellationToken cancellationToken)
    {
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        publishing.CancelAfter(TimeSpan.FromSeconds(options.Seconds));
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, options.Streams).Select(i =>
            PublishWindowedAsync(publisher.GetStream<BenchStreamEvent>(StreamId.Create(Namespace, $"agent:bench:w{options.Window}:s{i}")), options.Window, text, publishing.Token)));
        var publishSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var published = counts.Sum();
        var lost = await DrainAsync(subscribers, published, cancellationToken);
        var deliverSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = delivered.Summarize();
        return new FanOutResult(options.Window, published, published / publishSeconds, subscribers.Sum(s => s.Delivered) / deliverSeconds,
            all.Percentile(50), all.Percentile(99), lost, subscribers.Sum(s => s.OutOfOrder));
    }

    /// <summary>Publishes one stream in order with up to <paramref name="window"/> publishes unconfirmed; returns how many were confirmed.</summary>
    private static async Task<long> PublishWindowedAsync(IAsyncStream<BenchStreamEvent> stream, int window, string text, CancellationToken stopPublishing)
    {
        var pending = new Queue<Task>(window);
        long seq = 0;
        while (!stopPublishing.IsCancellationRequested)
        {
            if (pending.Count == window) await pending.Dequeue();
            pending.Enqueue(stream.OnNextAsync(new BenchStreamEvent(seq++, Stopwatch.GetTimestamp(), text)));
        }

        while (pending.Count > 0) await pending.Dequeue();
        return seq;
    }

    /// <summary>Waits until every subscriber has <paramref name="expected"/> items; returns how many the slowest one lacks after the limit.</summary>
    private static async Task<long> DrainAsync(StreamSubscriberNode[] subscribers, long expected, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(DrainLimit.TotalSeconds * Stopwatch.Frequency);
        while (subscribers.Any(s => s.Delivered < expected) && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(5, cancellationToken);
        return subscribers.Max(s => Math.Max(0, expected - s.Delivered));
    }

    private static async Task<RabbitMqStreamProvider> StartNodeAsync(List<ServiceProvider> nodes, string uri, string prefix, string name, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().AddRabbitMqStreams(o =>
        {
            o.Uri = uri;
            o.Prefix = prefix;
            o.NodeName = name;
        }).BuildServiceProvider();
        nodes.Add(services);
        var provider = services.GetRequiredKeyedService<RabbitMqStreamProvider>(StreamProviderNames.Default);
        await provider.ConnectAsync(cancellationToken);
        return provider;
    }

    private static void Print(Options options, LatencyResult latency, IReadOnlyList<FanOutResult> fanOuts)
    {
        Console.WriteLine();
        Console.WriteLine($"Streams through RabbitMQ, {Environment.ProcessorCount} cores: 1 publisher node → 2 subscriber nodes, {options.Payload}-character items");
        Console.WriteLine();
        Console.WriteLine("| phase | events | events/s published | events/s delivered (both nodes) | publish→deliver p50 | p99 | lost | out of order |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        Console.WriteLine($"| latency (1 stream, awaited; confirm p50 {Ms(latency.ConfirmP50)}, p99 {Ms(latency.ConfirmP99)}) | {options.Events} | | | " +
            $"{Ms(latency.P50)} | {Ms(latency.P99)} | {latency.Lost} | |");
        foreach (var fanOut in fanOuts)
        {
            var how = fanOut.Window == AwaitedWindow ? "each publish awaited" : $"{fanOut.Window} unconfirmed per stream";
            Console.WriteLine($"| fan-out ({options.Streams} streams, {how}, {options.Seconds} s) | {fanOut.Published} | {fanOut.PublishedPerSecond:F0} | " +
                $"{fanOut.DeliveredPerSecond:F0} | {Ms(fanOut.P50)} | {Ms(fanOut.P99)} | {fanOut.Lost} | {fanOut.OutOfOrder} |");
        }
    }

    private static void Progress(string line) => Console.Error.WriteLine($"bench: {line}");

    private static string Ms(TimeSpan value) => $"{value.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture)} ms";

    private static async Task DeleteExchangeAsync(string uri, string prefix)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeleteAsync($"{prefix}.streams");
    }

    private static Options Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? new Options(Events: 1_000, Streams: 16, Seconds: 3) : new Options();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--only" => Value() == "streams" ? options : throw new ArgumentException("--only streams cannot be combined with other phases."),
                "--quick" => options,
                "--events" => options with { Events = Positive(name, Value()) },
                "--streams" => options with { Streams = Positive(name, Value()) },
                "--window" => options with { Window = Positive(name, Value()) },
                "--seconds" => options with { Seconds = Positive(name, Value()) },
                "--payload" => options with { Payload = Positive(name, Value()) },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive integer.");
}
