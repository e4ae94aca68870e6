using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpenClaw.Actors.RabbitMq.Tests;

public sealed class RabbitMqTransportOptionsTests
{
    [Fact]
    public void Options_Defaults_AreValid()
    {
        Assert.True(new RabbitMqTransportOptionsValidator().Validate(null, new RabbitMqTransportOptions()).Succeeded);
    }

    [Fact]
    public void Options_InvalidValues_FailWithMessagesNamingEachOption()
    {
        using var services = new ServiceCollection()
            .AddRabbitMqClusterClient(o =>
            {
                o.Uri = "http://user:secret@host/";
                o.ShardCount = 0;
                o.Prefetch = 0;
                o.QueuePrefix = "amq.x";
                o.RequestedHeartbeat = TimeSpan.Zero;
                o.RebalanceInterval = TimeSpan.FromMilliseconds(1);
                o.HandOffPause = TimeSpan.FromSeconds(-1);
            })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RabbitMqTransportOptions>>().Value);

        var message = string.Join("\n", error.Failures);
        Assert.Contains("Actors:RabbitMq:Uri", message);
        Assert.Contains("Actors:RabbitMq:ShardCount is set to 0", message);
        Assert.Contains("Actors:RabbitMq:Prefetch is set to 0", message);
        Assert.Contains("Actors:RabbitMq:QueuePrefix", message);
        Assert.Contains("Actors:RabbitMq:RequestedHeartbeat", message);
        Assert.Contains("Actors:RabbitMq:RebalanceInterval", message);
        Assert.Contains("Actors:RabbitMq:HandOffPause", message);
        Assert.DoesNotContain("secret", message);
    }

    [Fact]
    public void Redact_UriWithPassword_HidesThePassword()
    {
        Assert.Equal("amqp://guest:***@127.0.0.1:5672/", RabbitMqTransportOptionsValidator.Redact("amqp://guest:guest@127.0.0.1:5672/"));
    }
}
