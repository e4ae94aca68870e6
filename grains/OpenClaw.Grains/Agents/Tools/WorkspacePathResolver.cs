namespace OpenClaw.Grains.Agents.Tools;

/// <summary>
/// Turns a path from a tool call into a real path inside the agent's workspace. Relative paths resolve against the
/// workspace; <c>..</c> and every symlink of the existing part are resolved before the containment check, so neither
/// <c>../x</c> nor a link pointing out of the workspace gets through. The returned path has no links left in its
/// existing part, so the file the caller then opens is the one that was checked (a link swapped in between check and
/// use is not defended against).
/// </summary>
public static class WorkspacePathResolver
{
    // Linux's own limit on links followed in one lookup (MAXSYMLINKS).
    private const int MaxLinkHops = 40;

    /// <summary>The real path of <paramref name="path"/>; throws <see cref="ToolInputException"/> when it leaves the workspace.</summary>
    public static string Resolve(string workspace, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspace);
        if (string.IsNullOrWhiteSpace(path)) throw new ToolInputException("path must not be empty");
        if (path.Contains('\0', StringComparison.Ordinal)) throw new ToolInputException("path must not contain NUL characters");

        var root = RealPath(Path.GetFullPath(workspace));
        var candidate = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
        var real = RealPath(candidate);
        if (!IsInside(real, root))
            throw new ToolInputException($"path '{path}' is outside the workspace ({root})");
        return real;
    }

    /// <summary>The real path of the workspace directory itself (created when missing).</summary>
    public static string Root(string workspace)
    {
        Directory.CreateDirectory(workspace);
        return RealPath(Path.GetFullPath(workspace));
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or below it (both real, full paths).</summary>
    public static bool IsInside(string path, string root)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        return path.Equals(trimmedRoot, StringComparison.Ordinal)
            || path.StartsWith(trimmedRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || trimmedRoot == Path.DirectorySeparatorChar.ToString();
    }

    /// <summary>
    /// realpath(3) for a full path whose tail may not exist yet: components are walked from the root, links are
    /// replaced by their targets, and the first missing component ends the walk (the rest is appended as written).
    /// </summary>
    private static string RealPath(string fullPath)
    {
        var pending = new Stack<string>(Split(fullPath).Reverse());
        var current = Path.GetPathRoot(fullPath) ?? "/";
        var hops = 0;
        while (pending.Count > 0)
        {
            var next = Path.Combine(current, pending.Pop());
            var info = new FileInfo(next);
            if (!info.Exists && !Directory.Exists(next))
            {
                if (info.LinkTarget is null)
                {
                    // Missing: nothing below it can be a link yet.
                    return Path.Combine([next, .. pending]);
                }
            }

            if (info.LinkTarget is { } target)
            {
                if (++hops > MaxLinkHops) throw new ToolInputException($"too many levels of symbolic links in '{fullPath}'");
                var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                foreach (var part in Split(resolved).Reverse()) pending.Push(part);
                current = Path.GetPathRoot(resolved) ?? "/";
                continue;
            }

            current = next;
        }

        return current;
    }

    private static string[] Split(string fullPath) =>
        fullPath.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
