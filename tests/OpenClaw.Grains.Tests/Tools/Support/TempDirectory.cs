namespace OpenClaw.Grains.Tests.Tools.Support;

/// <summary>A fresh directory under the temp dir (real path, no links), deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        var created = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"oc-tools-{Guid.NewGuid():N}"));
        Path = created.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? created.FullName;
    }

    public string Path { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public string Write(string relative, string content)
    {
        var path = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process killed by a test may still be exiting inside the directory; the OS temp cleanup takes the rest.
        }
    }
}
