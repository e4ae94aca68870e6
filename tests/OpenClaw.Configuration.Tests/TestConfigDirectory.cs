namespace OpenClaw.Configuration.Tests;

/// <summary>A fresh temporary directory holding config files; deleted on dispose.</summary>
public sealed class TestConfigDirectory : IDisposable
{
    public TestConfigDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "openclaw-config-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, "openclaw.json");

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteConfig(string text) => Write("openclaw.json", text);

    /// <summary>A loader that sees only <paramref name="env"/> as the environment.</summary>
    public static OpenClawConfigLoader Loader(IReadOnlyDictionary<string, string>? env = null) =>
        new(name => env is not null && env.TryGetValue(name, out var value) ? value : null, "/home/test");

    public ConfigSnapshot Load(IReadOnlyDictionary<string, string>? env = null) => Loader(env).Load(ConfigPath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the directory briefly; the temp dir is cleaned by the OS later.
        }
    }
}
