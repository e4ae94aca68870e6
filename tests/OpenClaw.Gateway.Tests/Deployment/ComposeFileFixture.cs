using System.Diagnostics;
using System.Text.Json;

namespace OpenClaw.Gateway.Tests.Deployment;

/// <summary>
/// docker-compose.yml parsed by a real YAML parser: there is no Docker engine here, so the `yaml` npm package (pinned,
/// installed once into a cache folder with the machine's npm) turns it into JSON for the tests to read.
/// </summary>
public sealed class ComposeFileFixture : IAsyncLifetime
{
    public const string YamlVersion = "2.9.1";

    /// <summary>npm install reaches the registry: far slower than any other wait in these tests, but still bounded.</summary>
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ParseTimeout = TimeSpan.FromSeconds(30);

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public JsonElement Compose { get; private set; }

    public async Task InitializeAsync()
    {
        var modules = await EnsureYamlInstalledAsync();
        var script = Path.Combine(AppContext.BaseDirectory, "Deployment", "compose-to-json.mjs");
        var json = await RunAsync("node", [script, modules, Path.Combine(RepositoryRoot, "docker-compose.yml")], AppContext.BaseDirectory, ParseTimeout);
        Compose = JsonDocument.Parse(json).RootElement.Clone();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string> EnsureYamlInstalledAsync()
    {
        var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Path.GetTempPath();
        var folder = Path.Combine(home, ".cache", "openclaw-orleans", $"yaml-{YamlVersion}");
        if (File.Exists(Path.Combine(folder, "node_modules", "yaml", "package.json"))) return folder;
        Directory.CreateDirectory(folder);
        var manifest = Path.Combine(folder, "package.json");
        if (!File.Exists(manifest)) await File.WriteAllTextAsync(manifest, """{"name":"compose-yaml","private":true}""");
        await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", $"yaml@{YamlVersion}"], folder, InstallTimeout);
        return folder;
    }

    private static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        using var cancel = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
        var output = await stdout;
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OpenClaw.Orleans.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
