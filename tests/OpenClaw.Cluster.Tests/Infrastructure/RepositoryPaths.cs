using System.Reflection;

namespace OpenClaw.Cluster.Tests.Infrastructure;

/// <summary>Where the repository and its scripts are, and which build of the hosts the tests run.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string LocalClusterScript => Path.Combine(Root, "scripts", "local-cluster.sh");

    public static string ServerScript(string server) => Path.Combine(Root, "scripts", "servers", $"{server}.sh");

    /// <summary>Release or Debug: the silo and front host are built alongside this assembly, in its configuration.</summary>
    public static string BuildConfiguration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BuildConfiguration").Value ?? "Release";

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OpenClaw.Orleans.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (OpenClaw.Orleans.sln) not found.");
    }
}
