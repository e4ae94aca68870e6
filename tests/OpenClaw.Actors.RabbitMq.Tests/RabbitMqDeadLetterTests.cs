using System.Text;
using System.Text.Json;
using OpenClaw.Actors.RabbitMq.Tests.Support;
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
}
