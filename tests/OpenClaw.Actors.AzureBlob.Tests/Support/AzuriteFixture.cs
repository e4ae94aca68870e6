using System.Diagnostics;
using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Actors.AzureBlob.Tests.Support;

/// <summary>
/// A real Azurite on 127.0.0.1:10000 and a fresh container for this run. When Azurite is not answering, the fixture
/// starts it with <c>scripts/servers/azurite.sh start</c> (which installs it on first use) and leaves it running for
/// the next run; when that fails too, every test fails with a message saying how to start it. Never skipped.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string StartCommand = "scripts/servers/azurite.sh start";
    public static readonly Uri BlobEndpoint = new("http://127.0.0.1:10000/devstoreaccount1/");
    public const string ConnectionString = "UseDevelopmentStorage=true";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3); // the first start installs Azurite from npm

    public BlobRestClient Client { get; } = BlobRestClient.Create(BlobAccount.Development(BlobEndpoint),
        new BlobRestClientOptions { RequestTimeout = TimeSpan.FromSeconds(10) });

    /// <summary>A container unique to this test run, created by the fixture and deleted at its end.</summary>
    public string Container { get; } = NewContainerName();

    public static string NewContainerName() => "test-" + Guid.NewGuid().ToString("N")[..20];

    public async Task InitializeAsync()
    {
        if (!await IsReachableAsync())
        {
            var scriptOutput = await StartWithScriptAsync();
            if (!await IsReachableAsync())
            {
                throw new InvalidOperationException(
                    $"Azurite is not reachable at {BlobEndpoint}. Start it with `{StartCommand}` from the repository root " +
                    $"(it needs node and npm). The fixture tried that itself and got: {scriptOutput}");
            }
        }

        await Client.CreateContainerAsync(Container);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Client.DeleteContainerAsync(Container);
        }
        finally
        {
            Client.Dispose();
        }
    }

    private static async Task<bool> IsReachableAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            // Any HTTP answer (403 without credentials) means the blob service listens.
            using var response = await http.GetAsync(new Uri(BlobEndpoint, "?comp=list"));
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<string> StartWithScriptAsync()
    {
        var root = FindRepositoryRoot();
        if (root is null) return "the repository root (OpenClaw.Orleans.sln) was not found above " + AppContext.BaseDirectory;

        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(root, "scripts", "servers", "azurite.sh"), "start" },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(ScriptTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            return $"`{StartCommand}` did not finish within {ScriptTimeout.TotalMinutes} minutes";
        }

        return $"exit code {process.ExitCode}: {(await stdout).Trim()} {(await stderr).Trim()}".Trim();
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenClaw.Orleans.sln"))) return directory.FullName;
        }

        return null;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}

/// <summary>Lease tests wait on real lease timing; their own collection lets them run beside the others.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteLeaseCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite-leases";
}
