using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.RabbitMq.Streams;
using OpenClaw.Actors.Streams;

namespace OpenClaw.Actors.RabbitMq.Tests.Streams;

/// <summary>
/// AddRabbitMqStreams takes over the provider name grain code and the front tier already use, takes its broker settings
/// from the call transport when it has none of its own, and refuses invalid options with messages naming them.
/// </summary>
public sealed class RabbitMqStreamRegistrationTests
{
    [Fact]
    public async Task AddRabbitMqStreams_AfterInProcessStreams_ReplacesTheProviderOfThatName()
    {
        await using var services = new ServiceCollection().AddInProcessStreams().AddRabbitMqStreams().BuildServiceProvider();

        Assert.IsType<RabbitMqStreamProvider>(services.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default));
    }

    [Fact]
    public async Task AddRabbitMqStreams_BeforeOrAfterEmbeddedSilo_IsTheDefaultProvider()
    {
        await using var before = new ServiceCollection().AddRabbitMqStreams().AddEmbeddedSilo().BuildServiceProvider();
        await using var after = new ServiceCollection().AddEmbeddedSilo().AddRabbitMqStreams().BuildServiceProvider();

        Assert.IsType<RabbitMqStreamProvider>(before.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default));
        Assert.IsType<RabbitMqStreamProvider>(after.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default));
        Assert.Same(after.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default),
            after.GetRequiredKeyedService<RabbitMqStreamProvider>(StreamProviderNames.Default));
    }

    [Fact]
    public async Task AddRabbitMqStreams_WithoutUriOrPrefix_UsesTheTransportSettings()
    {
        await using var services = new ServiceCollection()
            .AddRabbitMqClusterClient(transport => transport.QueuePrefix = "cluster-one")
            .AddRabbitMqStreams()
            .BuildServiceProvider();

        var provider = services.GetRequiredKeyedService<RabbitMqStreamProvider>(StreamProviderNames.Default);

        Assert.Equal("cluster-one.streams", provider.Exchange);
        Assert.StartsWith("cluster-one.streams.", provider.NodeQueue, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AreValid()
    {
        Assert.True(new RabbitMqStreamOptionsValidator().Validate(null, new RabbitMqStreamOptions()).Succeeded);
    }

    [Fact]
    public async Task Options_InvalidValues_FailWithMessagesNamingEachOption()
    {
        await using var services = new ServiceCollection()
            .AddRabbitMqStreams(o =>
            {
                o.Uri = "http://user:secret@host/";
                o.Prefix = "amq.x";
                o.PublishChannelCount = 0;
                o.PublishTimeout = TimeSpan.Zero;
                o.NodeQueueMaxLength = 0;
            })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default));

        var message = string.Join("\n", error.Failures);
        Assert.Contains("Actors:RabbitMqStreams:Uri", message);
        Assert.Contains("Actors:RabbitMqStreams:Prefix", message);
        Assert.Contains("Actors:RabbitMqStreams:PublishChannelCount is set to 0", message);
        Assert.Contains("Actors:RabbitMqStreams:PublishTimeout", message);
        Assert.Contains("Actors:RabbitMqStreams:NodeQueueMaxLength is set to 0", message);
        Assert.DoesNotContain("secret", message);
    }

    [Theory]
    [InlineData("agent:main:main")]
    [InlineData("a.b.c")]
    [InlineData("*")]
    [InlineData("#.x.*")]
    public void RoutingKey_AnyKey_IsTwoWordsWithoutWildcards(string key)
    {
        var routingKey = StreamTopology.RoutingKey(StreamId.Create("session", key));

        Assert.Equal(2, routingKey.Split('.').Length);
        Assert.DoesNotContain('*', routingKey);
        Assert.DoesNotContain('#', routingKey);
        Assert.StartsWith("session.", routingKey, StringComparison.Ordinal);
    }

    [Fact]
    public void BindingKey_NamespaceSubscription_MatchesEveryKeyOfThatNamespaceOnly()
    {
        Assert.Equal("session.*", StreamTopology.BindingKey(StreamId.Create("session", StreamId.AllKeys)));
        var dotted = StreamTopology.BindingKey(StreamId.Create("a.b", StreamId.AllKeys));
        Assert.Equal(2, dotted.Split('.').Length);
        Assert.NotEqual(StreamTopology.BindingKey(StreamId.Create("a", StreamId.AllKeys)), dotted);
    }

    [Fact]
    public void LaneOf_SameStream_IsAlwaysTheSameLane()
    {
        var id = StreamId.Create("session", "agent:main:main");
        var lanes = Enumerable.Range(0, 100).Select(_ => StreamTopology.LaneOf(id, 4)).Distinct().ToList();

        Assert.Single(lanes);
        Assert.InRange(lanes[0], 0, 3);
        // Spread: 64 keys use more than one of 4 lanes.
        Assert.True(Enumerable.Range(0, 64).Select(i => StreamTopology.LaneOf(StreamId.Create("session", $"k{i}"), 4)).Distinct().Count() > 1);
    }
}
