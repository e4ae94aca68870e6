extern alias front;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using FrontHost = front::OpenClaw.Gateway.Host.FrontHost;
using FrontHostOptions = front::OpenClaw.Gateway.Host.FrontHostOptions;
using FrontClusterClientRegistration = front::OpenClaw.Gateway.Host.ClusterClientRegistration;
using OpenClaw.Hosting.Cluster;
using OpenClaw.Silo.Cluster;

namespace OpenClaw.Gateway.Tests.Deployment;

/// <summary>
/// The cluster-mode hosts read their settings from the environment and must refuse to start, naming the variable,
/// when the broker or storage is not configured; the front host must serve its probes given any cluster client.
/// </summary>
public sealed class ClusterHostStartupTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly string _home = Directory.CreateTempSubdirectory("openclaw-cluster-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void ClusterSettings_SiloWithoutBroker_ThrowsNamingTheVariable()
    {
        var ex = Assert.Throws<ClusterConfigurationException>(() => ClusterSettings.ForSilo(Env(
            (ClusterEnvironment.BlobConnectionString, "UseDevelopmentStorage=true"))));
        Assert.Contains(ClusterEnvironment.RabbitMqUri, ex.Message);
    }

    [Fact]
    public void ClusterSettings_SiloWithoutBlobStorage_ThrowsNamingTheVariable()
    {
        var ex = Assert.Throws<ClusterConfigurationException>(() => ClusterSettings.ForSilo(Env(
            (ClusterEnvironment.RabbitMqUri, "amqp://guest:guest@127.0.0.1:5672/"))));
        Assert.Contains(ClusterEnvironment.BlobConnectionString, ex.Message);
    }

    [Fact]
    public void ClusterSettings_SectionStyleVariables_AreReadWhenShortNamesAreUnset()
    {
        var settings = ClusterSettings.ForSilo(Env(
            (ClusterEnvironment.RabbitMqUriSection, "amqp://a:b@broker:5672/"),
            (ClusterEnvironment.BlobConnectionStringSection, "UseDevelopmentStorage=true"),
            (ClusterEnvironment.ShardCountSection, "16"),
            (ClusterEnvironment.NodeName, "silo-9"),
            (ClusterEnvironment.HealthPort, "19000")));
        Assert.Equal(new ClusterSettings("amqp://a:b@broker:5672/", "UseDevelopmentStorage=true", "silo-9", 16, 19000), settings);
    }

    [Theory]
    [InlineData(ClusterEnvironment.ShardCount, "many")]
    [InlineData(ClusterEnvironment.ShardCount, "0")]
    [InlineData(ClusterEnvironment.HealthPort, "70000")]
    public void ClusterSettings_MalformedNumber_ThrowsNamingTheVariable(string name, string value)
    {
        var ex = Assert.Throws<ClusterConfigurationException>(() => ClusterSettings.ForFront(Env(
            (ClusterEnvironment.RabbitMqUri, "amqp://guest:guest@127.0.0.1:5672/"), (name, value))));
        Assert.Contains(name, ex.Message);
    }

    [Fact]
    public async Task ClusterSiloHost_WithoutBroker_StopsStartupNamingTheVariable()
    {
        var options = new ClusterSiloOptions { Environment = new Dictionary<string, string?> { ["HOME"] = _home }, ConsoleLogging = false };
        var ex = await Assert.ThrowsAsync<ClusterConfigurationException>(
            () => ClusterSiloHost.StartAsync(options, CancellationToken.None).WaitAsync(Timeout));
        Assert.Contains(ClusterEnvironment.RabbitMqUri, ex.Message);
    }

    [Fact]
    public async Task FrontHost_ProgramClusterClient_SendsGrainCallsThroughRabbitMq()
    {
        var services = new ServiceCollection();
        var settings = front::OpenClaw.Hosting.Cluster.ClusterSettings.ForFront(Env(
            (ClusterEnvironment.RabbitMqUri, "amqp://guest:guest@127.0.0.1:5672/"), (ClusterEnvironment.ShardCount, "64")));
        FrontClusterClientRegistration.Add(services, settings);
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<OpenClaw.Actors.RabbitMq.Client.RabbitMqGrainCallInvoker>(provider.GetRequiredService<OpenClaw.Actors.Calls.IGrainCallInvoker>());
        var transport = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<OpenClaw.Actors.RabbitMq.RabbitMqTransportOptions>>().Value;
        Assert.Equal(64, transport.ShardCount);
    }

    [Fact]
    public async Task FrontHost_WithAClusterClient_ServesProbesOnTheGatewayPort()
    {
        // Any IGrainFactory provider will do for the probes; the in-process silo stands in for the RabbitMQ client.
        var options = FrontOptions((services, _) => services.AddEmbeddedSilo());
        await using var app = await FrontHost.StartAsync(options, CancellationToken.None).WaitAsync(Timeout);
        using var http = new HttpClient { BaseAddress = FrontHost.GetBaseAddress(app), Timeout = Timeout };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        await app.StopAsync().WaitAsync(Timeout);
    }

    private FrontHostOptions FrontOptions(Action<IServiceCollection, front::OpenClaw.Hosting.Cluster.ClusterSettings> addClusterClient) => new()
    {
        AddClusterClient = addClusterClient,
        PortOverride = 0,
        ConsoleLogging = false,
        Environment = new Dictionary<string, string?>
        {
            ["HOME"] = _home,
            [ClusterEnvironment.RabbitMqUri] = "amqp://guest:guest@127.0.0.1:5672/",
            [ClusterEnvironment.GatewayToken] = "front-test-token",
        },
    };

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
