using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenClaw.Actors.AzureBlob.Hosting;
using OpenClaw.Actors.RabbitMq;
using OpenClaw.Hosting.Cluster;

namespace OpenClaw.Gateway.Tests.Deployment;

/// <summary>
/// docker-compose.yml and the Dockerfile describe the cluster (two silos, two front nodes, RabbitMQ, Azurite). With no
/// Docker engine to run them, these checks catch what would otherwise only fail at `docker compose up`: a service
/// without a healthcheck, a dependency on a misspelt service, a variable name no host reads, a project that moved.
/// </summary>
public sealed partial class ComposeFileTests(ComposeFileFixture fixture) : IClassFixture<ComposeFileFixture>
{
    private static readonly string[] Silos = ["silo-1", "silo-2"];
    private static readonly string[] Fronts = ["front-1", "front-2"];

    private JsonElement Services => fixture.Compose.GetProperty("services");

    [Fact]
    public void ComposeFile_Services_AreTheSixOfTheCluster()
    {
        var names = Services.EnumerateObject().Select(s => s.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["azurite", "front-1", "front-2", "rabbitmq", "silo-1", "silo-2"], names);
    }

    [Fact]
    public void ComposeFile_Silos_RunClusterModeFromTheSiloStage()
    {
        foreach (var silo in Silos)
        {
            var service = Services.GetProperty(silo);
            Assert.Equal(["--mode", "cluster"], Strings(service.GetProperty("command")));
            Assert.Equal("silo", service.GetProperty("build").GetProperty("target").GetString());
        }
    }

    [Fact]
    public void ComposeFile_FrontNodes_PublishDistinctHostPortsToTheGatewayPort()
    {
        var published = Fronts.Select(f => Strings(Services.GetProperty(f).GetProperty("ports")).Single()).ToArray();
        var hostPorts = published.Select(p => p.Split(':')[0]).ToArray();
        Assert.Equal(["18789", "18790"], hostPorts);
        foreach (var front in Fronts)
        {
            var gatewayPort = Environment(front)[ClusterEnvironment.GatewayPort];
            Assert.All(Strings(Services.GetProperty(front).GetProperty("ports")), p => Assert.EndsWith($":{gatewayPort}", p));
            Assert.Equal("front", Services.GetProperty(front).GetProperty("build").GetProperty("target").GetString());
        }
    }

    [Fact]
    public void ComposeFile_EveryService_HasAHealthcheck()
    {
        foreach (var service in Services.EnumerateObject())
        {
            Assert.True(service.Value.TryGetProperty("healthcheck", out var health), $"{service.Name} has no healthcheck");
            Assert.NotEmpty(Strings(health.GetProperty("test")));
        }
        foreach (var host in Silos.Concat(Fronts))
        {
            var test = string.Join(' ', Strings(Services.GetProperty(host).GetProperty("healthcheck").GetProperty("test")));
            Assert.Contains("/readyz", test);
        }
    }

    [Fact]
    public void ComposeFile_DependsOn_NamesServicesOfThisFileAndWaitsForHealth()
    {
        var names = Services.EnumerateObject().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var host in Silos.Concat(Fronts))
        {
            var dependsOn = Services.GetProperty(host).GetProperty("depends_on");
            Assert.NotEmpty(dependsOn.EnumerateObject());
            foreach (var dependency in dependsOn.EnumerateObject())
            {
                Assert.Contains(dependency.Name, names);
                Assert.Equal("service_healthy", dependency.Value.GetProperty("condition").GetString());
            }
        }
    }

    [Fact]
    public void ComposeFile_HostEnvironmentNames_AreTheOnesTheHostsRead()
    {
        var known = ClusterEnvironmentNames();
        foreach (var host in Silos.Concat(Fronts))
        {
            Assert.All(Environment(host).Keys, name => Assert.Contains(name, known));
        }
        foreach (var silo in Silos)
        {
            Assert.Contains(ClusterEnvironment.RabbitMqUri, Environment(silo).Keys);
            Assert.Contains(ClusterEnvironment.BlobConnectionString, Environment(silo).Keys);
            Assert.Contains(ClusterEnvironment.HealthPort, Environment(silo).Keys);
        }
        foreach (var front in Fronts)
        {
            Assert.Contains(ClusterEnvironment.RabbitMqUri, Environment(front).Keys);
            Assert.Contains(ClusterEnvironment.GatewayToken, Environment(front).Keys);
        }
        Assert.Equal(4, Silos.Concat(Fronts).Select(h => Environment(h)[ClusterEnvironment.NodeName]).Distinct().Count());
    }

    [Fact]
    public void ComposeFile_ClusterSettings_PassTheTransportAndStorageValidators()
    {
        foreach (var silo in Silos)
        {
            var settings = ClusterSettings.ForSilo(name => Environment(silo).GetValueOrDefault(name) is { } v ? WithDefaults(v) : null);
            var rabbit = new RabbitMqTransportOptions { Uri = settings.RabbitMqUri, ShardCount = settings.ShardCount ?? 0 };
            Assert.True(new RabbitMqTransportOptionsValidator().Validate(null, rabbit).Succeeded);
            var blob = new AzureBlobStorageOptions { ConnectionString = settings.BlobConnectionString!, ContainerName = "openclaw-grains" };
            var result = new AzureBlobStorageOptionsValidator().Validate("Default", blob);
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        var shardCounts = Silos.Concat(Fronts).Select(h => Environment(h)[ClusterEnvironment.ShardCount]).Distinct();
        Assert.Single(shardCounts);
    }

    [Fact]
    public void ComposeFile_Volumes_AreNamedAndDeclared()
    {
        var declared = fixture.Compose.GetProperty("volumes").EnumerateObject().Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["azurite-data", "rabbitmq-data"], declared.Order(StringComparer.Ordinal));
        Assert.StartsWith("rabbitmq-data:", Strings(Services.GetProperty("rabbitmq").GetProperty("volumes")).Single());
        Assert.StartsWith("azurite-data:", Strings(Services.GetProperty("azurite").GetProperty("volumes")).Single());
    }

    [Fact]
    public void Dockerfile_PublishedProjects_ExistAndComposeTargetsAreStages()
    {
        var dockerfile = File.ReadAllText(Path.Combine(fixture.RepositoryRoot, "Dockerfile"));
        var published = PublishPattern().Matches(dockerfile).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["silo/OpenClaw.Silo.csproj", "gateway-frontend/OpenClaw.Gateway.Host/OpenClaw.Gateway.Host.csproj"], published);
        Assert.All(published, project => Assert.True(File.Exists(Path.Combine(fixture.RepositoryRoot, project)), $"{project} does not exist"));

        var stages = StagePattern().Matches(dockerfile).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var host in Silos.Concat(Fronts))
            Assert.Contains(Services.GetProperty(host).GetProperty("build").GetProperty("target").GetString()!, stages);
        Assert.Contains("USER $APP_UID", dockerfile);
    }

    private Dictionary<string, string> Environment(string service) =>
        Services.GetProperty(service).GetProperty("environment").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);

    private static IReadOnlyList<string> Strings(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().Select(e => e.GetString()!).ToList() : [element.GetString()!];

    private static HashSet<string> ClusterEnvironmentNames() =>
        typeof(ClusterEnvironment).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Compose substitutes <c>${NAME:-default}</c> from the shell; the tests take the defaults.</summary>
    private static string WithDefaults(string value) => DefaultPattern().Replace(value, m => m.Groups[1].Value);

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishPattern();

    [GeneratedRegex(@"^FROM \S+ AS (\S+)$", RegexOptions.Multiline)]
    private static partial Regex StagePattern();

    [GeneratedRegex(@"\$\{[A-Z_]+:-([^}]*)\}")]
    private static partial Regex DefaultPattern();
}
