namespace OpenClaw.Bench;

/// <summary>Finds the Release build of the silo: the <c>--silo</c> flag, else <c>silo/bin/Release/net10.0</c>
/// under the first parent folder (of the working directory, then of the bench binary) holding the solution.</summary>
internal static class SiloLocator
{
    private const string SolutionFile = "OpenClaw.Orleans.sln";
    private static readonly string RelativeDll = Path.Combine("silo", "bin", "Release", "net10.0", "OpenClaw.Silo.dll");

    public static string Locate(string? explicitPath)
    {
        if (explicitPath is not null)
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new FileNotFoundException($"No silo at {explicitPath}.");

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    var dll = Path.Combine(dir.FullName, RelativeDll);
                    return File.Exists(dll) ? dll
                        : throw new FileNotFoundException($"No silo build at {dll}; run `dotnet build silo -c Release` first.");
                }
            }
        }
        throw new FileNotFoundException($"Could not find {SolutionFile} above the working directory; pass --silo PATH.");
    }
}
