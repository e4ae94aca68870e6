extern alias front;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.RabbitMq;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Infrastructure;
using OpenClaw.Gateway.Tests.Methods;
using OpenClaw.Hosting.Cluster;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using FrontClusterClientRegistration = front::OpenClaw.Gateway.Host.ClusterClientRegistration;
using FrontHost = front::OpenClaw.Gateway.Host.FrontHost;
using FrontHostOptions = front::OpenClaw.Gateway.Host.FrontHostOptions;

namespace OpenClaw.Gateway.Tests.Dashboard;

/// <summary>
/// <c>cluster.deadletters.list</c> / <c>.redrive</c> on a real cluster front node over a real broker: a call whose
/// deliveries keep failing is dead-lettered after the delivery limit, listed through the method, re-driven, and then
/// processed once by a silo (its waiting caller gets the answer).
/// </summary>
public sealed class ClusterDeadLetterMethodTests(DashboardBroker broker) : IClassFixture<DashboardBroker>, IAsyncLifetime
{
    private const int ShardCount = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly string _prefix = $"test-dl-{Guid.NewGuid():N}";
    private readonly string _home = Directory.CreateTempSubdirectory("openclaw-deadletters-").FullName;

    public async Task InitializeAsync()
    {
        await using var channel = await broker.Connection.CreateChannelAsync();
        await new ShardTopology(Transport()).DeclareAsync(channel, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await using (var channel = await broker.Connection.CreateChannelAsync())
        {
            for (var shard = 0; shard < ShardCount; shard++) await channel.QueueDeleteAsync($"{_prefix}.shard.{shard}");
            await channel.QueueDeleteAsync($"{_prefix}.dead");
            await channel.QueueDeleteAsync($"{_prefix}.members");
            await channel.ExchangeDeleteAsync($"{_prefix}.dlx");
            await channel.ExchangeDeleteAsync($"{_prefix}.status");
            await channel.ExchangeDeleteAsync($"{_prefix}.streams");
        }

        Directory.Delete(_home, recursive: true);
    }

    private RabbitMqTransportOptions Transport() => new() { Uri = DashboardBroker.Uri, QueuePrefix = _prefix, ShardCount = ShardCount };

    [Fact]
    public async Task PoisonCall_DeadLetteredAfterTheDeliveryLimit_IsListedAndRedrivenThroughTheFront_ThenProcessedOnce()
    {
        await using var app = await FrontHost.StartAsync(FrontOptions(), CancellationToken.None).WaitAsync(Timeout);
        var caller = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IDashboardProbeGrain>("poison").PingAsync();
        var shard = ShardMap.ShardOf(GrainId.Create("dashboardprobe", "poison"), ShardCount);
        await FailEveryDeliveryUntilDeadLetteredAsync($"{_prefix}.shard.{shard}");
        // Connected before the silo starts: this test silo hosts only the probe grain, not the grains hello-ok reads.
        var (client, hello) = await GatewayTestClient.ConnectAsync(FrontHost.GetBaseAddress(app));
        await using var _ = client;
        await using var silo = await StatusNode.StartShardSiloAsync(_prefix, ShardCount, "silo-dl");

        var listed = await client.CallOkAsync("cluster.deadletters.list", new JsonObject { ["limit"] = 10 });

        Assert.Contains("cluster.deadletters.list", hello.Features.Methods);
        Assert.Contains("cluster.deadletters.redrive", hello.Features.Methods);
        // Besides the poison call: grain calls of this client's hello, which this probe-only silo cannot serve.
        var letters = Field.Array(listed, "deadLetters").Select(node => node!.AsObject()).ToList();
        var letter = Assert.Single(letters, l => (string?)l["target"] == "dashboardprobe/poison");
        Assert.All(letters.Where(l => l != letter), l => Assert.NotEqual("dashboardprobe", Field.String(l, "target").Split('/')[0]));
        Assert.Equal("dashboardprobe/poison", Field.String(letter, "target"));
        Assert.Equal("PingAsync", Field.String(letter, "method"));
        Assert.Equal("delivery_limit", Field.String(letter, "reason"));
        Assert.Equal(shard, (int)Field.Number(letter, "shard"));
        Assert.Equal($"{_prefix}.shard.{shard}", Field.String(letter, "sourceQueue"));
        Assert.Equal(letters.Count(l => (int?)l["shard"] == shard), (int)Field.Number(Field.Object(listed, "byShard"), $"{shard}"));
        Assert.Equal(letters.Count, Field.Object(listed, "byShard").Sum(entry => (int)entry.Value!));
        Assert.False((bool)listed["truncated"]!);
        Assert.False(caller.IsCompleted);

        var redriven = await client.CallOkAsync("cluster.deadletters.redrive",
            new JsonObject { ["messageIds"] = new JsonArray(Field.String(letter, "messageId")), ["deadlineMs"] = 30_000 });

        Assert.Equal(1, (int)Field.Number(redriven, "redriven"));
        Assert.Equal(1, await caller.WaitAsync(Timeout)); // the silo ran the re-driven call once and answered its caller
        var after = Field.Array(await client.CallOkAsync("cluster.deadletters.list"), "deadLetters");
        Assert.Equal(letters.Count - 1, after.Count);
        Assert.DoesNotContain(after, l => (string?)l!["target"] == "dashboardprobe/poison");
        Assert.Equal(2, await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IDashboardProbeGrain>("poison").PingAsync().WaitAsync(Timeout));
    }

    [Theory]
    [InlineData("cluster.deadletters.list", "{\"limit\":0}")]
    [InlineData("cluster.deadletters.list", "{\"max\":5}")]
    [InlineData("cluster.deadletters.redrive", "{}")]
    [InlineData("cluster.deadletters.redrive", "{\"all\":true,\"messageIds\":[\"a\"]}")]
    [InlineData("cluster.deadletters.redrive", "{\"messageIds\":[]}")]
    [InlineData("cluster.deadletters.redrive", "{\"all\":true,\"deadlineMs\":5}")]
    public async Task InvalidParams_AreInvalidRequest_NamingTheMethod(string method, string parameters)
    {
        await using var app = await FrontHost.StartAsync(FrontOptions(), CancellationToken.None).WaitAsync(Timeout);
        var (client, _) = await GatewayTestClient.ConnectAsync(FrontHost.GetBaseAddress(app));
        await using var _ = client;

        var error = await client.CallErrorAsync(method, JsonNode.Parse(parameters));

        Assert.Equal(ErrorCodes.InvalidRequest, Field.String(error, "code"));
        Assert.StartsWith($"invalid {method} params: ", Field.String(error, "message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cluster.deadletters.list")]
    [InlineData("cluster.deadletters.redrive")]
    public async Task ReadScope_IsForbidden(string method)
    {
        await using var app = await FrontHost.StartAsync(FrontOptions(), CancellationToken.None).WaitAsync(Timeout);
        var (client, _) = await GatewayTestClient.ConnectAsync(FrontHost.GetBaseAddress(app), ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var _ = client;

        var error = await client.CallErrorAsync(method, new JsonObject { ["all"] = true });

        Assert.Equal(ErrorCodes.Forbidden, Field.String(error, "code"));
        Assert.Contains(OperatorScopes.Admin, Field.String(error, "message"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Plays a silo whose turn crashes on this call every time: each delivery goes back to the queue unacknowledged
    /// until the broker's delivery limit moves the call to the dead-letter queue.
    /// </summary>
    private async Task FailEveryDeliveryUntilDeadLetteredAsync(string shardQueue)
    {
        // A consumer, not basic.get: quorum queues with single-active-consumer refuse basic.get.
        await using var channel = await broker.Connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, 1, global: false);
        var crashing = new AsyncEventingBasicConsumer(channel);
        crashing.ReceivedAsync += (_, delivery) => channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true).AsTask();
        var tag = await channel.BasicConsumeAsync(shardQueue, autoAck: false, crashing);
        using var deadline = new CancellationTokenSource(Timeout);
        while ((await channel.QueueDeclarePassiveAsync($"{_prefix}.dead", deadline.Token)).MessageCount == 0)
            await Task.Delay(20, deadline.Token);
        await channel.BasicCancelAsync(tag);
    }

    private FrontHostOptions FrontOptions() => new()
    {
        AddClusterClient = FrontClusterClientRegistration.Add,
        PortOverride = 0,
        ConsoleLogging = false,
        Environment = new Dictionary<string, string?>
        {
            ["HOME"] = _home,
            [ClusterEnvironment.RabbitMqUri] = DashboardBroker.Uri,
            [ClusterEnvironment.ClusterId] = _prefix,
            [ClusterEnvironment.ShardCount] = ShardCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [ClusterEnvironment.NodeName] = "front-dl",
            [ClusterEnvironment.GatewayToken] = GatewayTestClient.DefaultToken,
        },
    };
}

/// <summary>Embedded mode has no dead-letter queue: the methods are not there.</summary>
public sealed class ClusterDeadLetterMethodEmbeddedTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task EmbeddedGateway_DoesNotAdvertiseTheDeadLetterMethods()
    {
        var (client, hello) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var _ = client;

        var error = await client.CallErrorAsync("cluster.deadletters.list");

        Assert.Contains("cluster.status", hello.Features.Methods);
        Assert.DoesNotContain("cluster.deadletters.list", hello.Features.Methods);
        Assert.DoesNotContain("cluster.deadletters.redrive", hello.Features.Methods);
        Assert.Equal(ErrorCodes.InvalidRequest, Field.String(error, "code"));
    }
}
