using System.Text;

namespace OpenClaw.Grains.Agents.Tools.Files;

/// <summary>
/// File access shared by read, write and edit: workspace-checked paths, the size limit, binary detection, and
/// atomic replacement that keeps the file's permissions (an edited script stays executable).
/// </summary>
public static class WorkspaceFiles
{
    /// <summary>Largest file write and edit will handle, and the largest content write accepts.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>How much of a file's start is scanned for NUL bytes (git's heuristic uses the same size).</summary>
    public const int BinaryProbeBytes = 8000;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>An existing regular file inside the workspace; throws <see cref="ToolInputException"/> otherwise.</summary>
    public static string ExistingFile(string toolName, string workspace, string path)
    {
        var real = WorkspacePathResolver.Resolve(workspace, path);
        if (Directory.Exists(real)) throw new ToolInputException($"{toolName}: '{path}' is a directory");
        if (!File.Exists(real)) throw new ToolInputException($"{toolName}: file not found: '{path}'");
        return real;
    }

    public static bool LooksBinary(ReadOnlySpan<byte> start) => start[..Math.Min(start.Length, BinaryProbeBytes)].Contains((byte)0);

    /// <summary>Reads a whole text file (at most <see cref="MaxFileBytes"/>), remembering whether it had a UTF-8 BOM.</summary>
    public static async Task<TextFile> ReadTextAsync(string toolName, string realPath, string displayPath, CancellationToken cancellationToken)
    {
        var length = new FileInfo(realPath).Length;
        if (length > MaxFileBytes)
            throw new ToolInputException($"{toolName}: '{displayPath}' is {length} bytes; files over {MaxFileBytes} bytes are not handled");
        var bytes = await File.ReadAllBytesAsync(realPath, cancellationToken);
        if (LooksBinary(bytes)) throw new ToolInputException($"{toolName}: '{displayPath}' looks like a binary file");
        var hasBom = bytes.AsSpan().StartsWith(Utf8Bom);
        var text = Encoding.UTF8.GetString(hasBom ? bytes.AsSpan(Utf8Bom.Length) : bytes);
        return new TextFile(text, hasBom);
    }

    /// <summary>
    /// Replaces the file with <paramref name="text"/>: a sibling temp file is written and flushed, given the old
    /// file's mode, and renamed over the target, so a crash leaves either the old or the new file, never a half.
    /// </summary>
    public static async Task<long> WriteTextAtomicAsync(string realPath, string text, bool withBom, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(text);
        var bytes = withBom ? [.. Utf8Bom, .. body] : body;
        var directory = Path.GetDirectoryName(realPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(realPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows() && File.Exists(realPath)) File.SetUnixFileMode(temp, File.GetUnixFileMode(realPath));
            File.Move(temp, realPath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        return bytes.Length;
    }

    /// <summary>The path as the model should see it: relative to the workspace.</summary>
    public static string Display(string workspace, string realPath) =>
        Path.GetRelativePath(WorkspacePathResolver.Root(workspace), realPath);
}

/// <summary>A decoded text file and whether it started with a UTF-8 byte order mark (kept when it is written back).</summary>
public sealed record TextFile(string Text, bool HasBom);
