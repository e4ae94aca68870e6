using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.RabbitMq.Silo.DeadLetters;
using OpenClaw.Actors.RabbitMq.Tests.Support;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace OpenClaw.Actors.RabbitMq.Tests;

/// <summary>What the silo does with messages it cannot run: they are kept as dead letters, never acked and forgotten.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqDeadLetterTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task PoisonMessage_IsAnsweredWithAnErrorAndLandsInTheDeadLetterQueue()
    {
        await using var cluster = new TestCluster(broker, shardCount: 2);
        var silo = await cluster.StartSiloAsync("silo-a");
        await Wait.UntilAsync(() => silo.Ownership.OwnedShards.Count == cluster.ShardCount, "the silo owns every shard");
        await using var channel = await broker.Connection.CreateChannelAsync();
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var replies = new AsyncEventingBasicConsumer(channel);
        replies.ReceivedAsync += (_, delivery) =>
        {
            answer.TrySetResult(Encoding.UTF8.GetString(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(MessageKinds.DirectReplyTo, autoAck: true, replies);

        var poison = new BasicProperties { Type = MessageKinds.Call, CorrelationId = "poison-1", ReplyTo = MessageKinds.DirectReplyTo };
        await channel.BasicPublishAsync("", $"{cluster.Prefix}.shard.1", mandatory: true, poison, Encoding.UTF8.GetBytes("{ not a grain call"));

        using var error = JsonDocument.Parse(await answer.Task.WaitAsync(Wait.Timeout));
        Assert.Equal("poison-1", error.RootElement.GetProperty("correlationId").GetString());
        Assert.True(error.RootElement.TryGetProperty("error", out _));
        await using var inspect = await broker.Connection.CreateChannelAsync();
        var dead = await Wait.ForAsync(() => inspect.BasicGetAsync($"{cluster.Prefix}.dead", autoAck: true), "the poison message is in the dead-letter queue");
        Assert.Equal("poison-1", dead.BasicProperties.CorrelationId);
        Assert.Equal("{ not a grain call", Encoding.UTF8.GetString(dead.Body.Span));
        Assert.Equal(0u, (await inspect.QueueDeclarePassiveAsync($"{cluster.Prefix}.shard.1")).MessageCount);
    }

    [Fact]
    public async Task PoisonMessage_IsListedWithItsShardQueueAndReasonWithoutBeingRemoved()
    {
        await using var cluster = new TestCluster(broker, shardCount: 2);
        var silo = await cluster.StartSiloAsync("silo-a");
        await Wait.UntilAsync(() => silo.Ownership.OwnedShards.Count == cluster.ShardCount, "the silo owns every shard");
        await using var channel = await broker.Connection.CreateChannelAsync();
        var poison = new BasicProperties { Type = MessageKinds.Call, MessageId = "poison-2" };
        await channel.BasicPublishAsync("", $"{cluster.Prefix}.shard.1", mandatory: true, poison, Encoding.UTF8.GetBytes("{ not a grain call"));

        var listed = await Wait.ForAsync(async () => (await silo.DeadLetters.ListAsync(10, CancellationToken.None)).SingleOrDefault(),
            "the poison message is listed");
        var again = await silo.DeadLetters.ListAsync(10, CancellationToken.None).WaitAsync(Wait.Timeout);

        Assert.Equal("poison-2", listed.MessageId);
        Assert.Equal(MessageKinds.Call, listed.Kind);
        Assert.Equal($"{cluster.Prefix}.shard.1", listed.SourceQueue);
        Assert.Equal("rejected", listed.Reason);
        Assert.NotNull(listed.DeadLetteredAt);
        Assert.Null(listed.Target); // undecodable
        Assert.Equal(Encoding.UTF8.GetByteCount("{ not a grain call"), listed.BodyBytes);
        Assert.Equal([listed], again); // listing leaves it in place
    }

    [Fact]
    public async Task ExpiredCall_IsListedThenRedrivenWithANewDeadline_RunsOnceOnTheSilo()
    {
        await using var cluster = new TestCluster(broker, shardCount: 2);
        var client = cluster.CreateClient(responseTimeout: TimeSpan.FromMilliseconds(300));
        await client.ConnectAsync();
        var key = Wait.NewKey();
        // No silo yet: the call waits in its shard queue until its per-message TTL (= the caller's deadline) moves it here.
        await Assert.ThrowsAsync<TimeoutException>(() => client.Cluster.GetGrain<ICountingGrain>(key).CountAsync("late-call").WaitAsync(Wait.Timeout));
        var options = new RabbitMqTransportOptions();
        cluster.Transport(options);
        await using var deadLetters = new RabbitMqDeadLetters(Options.Create(options), NullLogger<RabbitMqDeadLetters>.Instance);

        var listed = await Wait.ForAsync(async () => (await deadLetters.ListAsync(10, CancellationToken.None)).SingleOrDefault(),
            "the expired call is listed");
        Assert.Equal("expired", listed.Reason);
        Assert.Contains(key, listed.Target);
        Assert.Equal("CountAsync", listed.Method);
        Assert.NotNull(listed.MessageId);

        Assert.Equal(0, await deadLetters.RedriveAsync(["some-other-id"], 10, null, CancellationToken.None).WaitAsync(Wait.Timeout));
        Assert.Equal(1, await deadLetters.RedriveAsync([listed.MessageId], 10, DateTimeOffset.UtcNow.AddSeconds(30), CancellationToken.None)
            .WaitAsync(Wait.Timeout));
        Assert.Empty(await deadLetters.ListAsync(10, CancellationToken.None).WaitAsync(Wait.Timeout));
        await cluster.StartSiloAsync("silo-a");

        await Wait.UntilAsync(() => cluster.Ledger.RunsOf("late-call") == 1, "the re-driven call ran on the silo");
        Assert.Equal(1, await cluster.CreateClient().Cluster.GetGrain<ICountingGrain>(key).GetCountAsync().WaitAsync(Wait.Timeout));
        Assert.Empty(await deadLetters.ListAsync(10, CancellationToken.None).WaitAsync(Wait.Timeout));
    }
}
