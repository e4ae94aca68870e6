using System.Reflection;
using System.Xml.Linq;

namespace OpenClaw.Gateway.Tests.Architecture;

/// <summary>
/// The dependency graph points inward (ARCHITECTURE.md §3): the front tier talks to grains through their interfaces
/// only, and grain contracts know nothing of the wire protocol. Checked on both the compiled references and the
/// project files, so an unused reference that would invite a shortcut is caught too.
/// </summary>
public sealed class ReferenceRulesTests
{
    [Theory]
    [InlineData("OpenClaw.Grains")]
    [InlineData("OpenClaw.Actors.Runtime")]
    [InlineData("OpenClaw.Actors.Testing")]
    public void Gateway_DoesNotReference_GrainImplementationsOrSiloRuntime(string forbidden)
    {
        Assert.DoesNotContain(forbidden, CompiledReferences(LoadAssembly("OpenClaw.Gateway")));
        Assert.DoesNotContain(forbidden, ProjectReferencesTransitively("gateway-frontend/OpenClaw.Gateway/OpenClaw.Gateway.csproj"));
    }

    /// <summary>The cluster-mode front node is the front tier's process: the same rule holds for everything it pulls in.</summary>
    [Theory]
    [InlineData("OpenClaw.Grains")]
    [InlineData("OpenClaw.Actors.Runtime")]
    [InlineData("OpenClaw.Actors.Testing")]
    [InlineData("OpenClaw.Silo")]
    [InlineData("OpenClaw.Actors.RabbitMq.Silo")]
    public void GatewayHost_DoesNotReference_GrainImplementationsOrSiloRuntime(string forbidden)
    {
        Assert.DoesNotContain(forbidden, CompiledReferences(LoadAssembly("OpenClaw.Gateway.Host")));
        Assert.DoesNotContain(forbidden, ProjectReferencesTransitively("gateway-frontend/OpenClaw.Gateway.Host/OpenClaw.Gateway.Host.csproj"));
    }

    [Theory]
    [InlineData("OpenClaw.Gateway.Protocol")]
    [InlineData("OpenClaw.Gateway")]
    [InlineData("OpenClaw.Actors.Runtime")]
    public void GrainInterfaces_DoNotReference_ProtocolOrRuntime(string forbidden)
    {
        Assert.DoesNotContain(forbidden, CompiledReferences(LoadAssembly("OpenClaw.GrainInterfaces")));
        Assert.DoesNotContain(forbidden, ProjectReferencesTransitively("grain-interfaces/OpenClaw.GrainInterfaces/OpenClaw.GrainInterfaces.csproj"));
    }

    [Theory]
    [InlineData("OpenClaw.Gateway")]
    [InlineData("OpenClaw.Gateway.Protocol")]
    public void Grains_DoNotReference_FrontTier(string forbidden) =>
        Assert.DoesNotContain(forbidden, ProjectReferencesTransitively("grains/OpenClaw.Grains/OpenClaw.Grains.csproj"));

    /// <summary>The RabbitMQ client assembly is what front nodes load: it must stay free of the silo runtime.</summary>
    [Fact]
    public void RabbitMqClient_DoesNotReference_SiloRuntime() =>
        Assert.DoesNotContain("OpenClaw.Actors.Runtime", ProjectReferencesTransitively("runtime/OpenClaw.Actors.RabbitMq/OpenClaw.Actors.RabbitMq.csproj"));

    [Fact]
    public void ActorsAbstractions_ReferencesNoOtherProject() =>
        Assert.Empty(ProjectReferencesTransitively("runtime/OpenClaw.Actors.Abstractions/OpenClaw.Actors.Abstractions.csproj"));

    private static Assembly LoadAssembly(string name) => Assembly.Load(new AssemblyName(name));

    private static IReadOnlyList<string> CompiledReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

    /// <summary>Project names reachable through ProjectReference items, starting from a repo-relative csproj.</summary>
    private static IReadOnlyList<string> ProjectReferencesTransitively(string relativeProject)
    {
        var root = RepositoryRoot();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.Combine(root, relativeProject)]);
        while (pending.TryPop(out var project))
        {
            var directory = Path.GetDirectoryName(project)!;
            foreach (var include in XDocument.Load(project).Descendants("ProjectReference").Select(e => (string?)e.Attribute("Include")).OfType<string>())
            {
                var referenced = Path.GetFullPath(Path.Combine(directory, include));
                if (seen.Add(Path.GetFileNameWithoutExtension(referenced))) pending.Push(referenced);
            }
        }
        return seen.ToList();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OpenClaw.Orleans.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
