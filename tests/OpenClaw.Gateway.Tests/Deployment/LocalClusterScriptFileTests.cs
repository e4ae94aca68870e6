using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenClaw.Hosting.Cluster;

namespace OpenClaw.Gateway.Tests.Deployment;

/// <summary>
/// scripts/local-cluster.sh and docker-compose.yml start the same cluster two ways; these checks keep them in step:
/// the script passes its nodes only variables the hosts read (ClusterEnvironment), and every variable compose gives a
/// silo or front node is one the script sets too (or passes through from the caller: the config file and token).
/// The script itself is run end to end by OpenClaw.Cluster.Tests.
/// </summary>
public sealed partial class LocalClusterScriptFileTests(ComposeFileFixture fixture) : IClassFixture<ComposeFileFixture>
{
    /// <summary>Read from the caller's environment by every node, so the script hands them on without naming them.</summary>
    private static readonly string[] PassedThrough = [ClusterEnvironment.GatewayToken, ClusterEnvironment.ConfigPath, ClusterEnvironment.ClusterId];

    private string Script => File.ReadAllText(Path.Combine(fixture.RepositoryRoot, "scripts", "local-cluster.sh"));

    [Fact]
    public void LocalClusterScript_NodeVariables_AreTheOnesTheHostsRead()
    {
        var known = typeof(ClusterEnvironment).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

        var set = NodeVariables();
        Assert.NotEmpty(set);
        Assert.All(set, name => Assert.Contains(name, known));
    }

    [Fact]
    public void LocalClusterScript_SetsEveryVariableComposeGivesTheHosts()
    {
        var set = NodeVariables().Concat(PassedThrough).ToHashSet(StringComparer.Ordinal);
        var services = fixture.Compose.GetProperty("services");
        foreach (var host in (string[])["silo-1", "silo-2", "front-1", "front-2"])
        {
            var names = services.GetProperty(host).GetProperty("environment").EnumerateObject().Select(p => p.Name);
            Assert.All(names, name => Assert.True(set.Contains(name), $"compose gives {host} {name}, which local-cluster.sh does not set"));
        }
    }

    [Fact]
    public void LocalClusterScript_BuildsAndRunsTheProjectsTheDockerfilePublishes()
    {
        var dockerfile = File.ReadAllText(Path.Combine(fixture.RepositoryRoot, "Dockerfile"));
        foreach (var project in DockerfileProject().Matches(dockerfile).Select(m => m.Groups[1].Value))
            Assert.Contains(project, Script);
        Assert.Contains("--mode cluster", Script);
    }

    /// <summary>The OPENCLAW_* names the script writes into its nodes' environment (NAME=… entries).</summary>
    private HashSet<string> NodeVariables() =>
        NodeVariable().Matches(Script).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"""(OPENCLAW_[A-Z_]+)=")]
    private static partial Regex NodeVariable();

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex DockerfileProject();
}
