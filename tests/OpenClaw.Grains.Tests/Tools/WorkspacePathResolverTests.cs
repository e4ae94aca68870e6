using OpenClaw.Grains.Agents.Tools;
using OpenClaw.Grains.Tests.Tools.Support;

namespace OpenClaw.Grains.Tests.Tools;

/// <summary>Paths from tool calls resolve inside the workspace or are refused, whatever mix of .. and links they use.</summary>
public sealed class WorkspacePathResolverTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly string _workspace;
    private readonly string _outside;

    public WorkspacePathResolverTests()
    {
        _workspace = Directory.CreateDirectory(_root.File("ws")).FullName;
        _outside = Directory.CreateDirectory(_root.File("outside")).FullName;
    }

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("a.txt", "a.txt")]
    [InlineData("dir/../b.txt", "b.txt")]
    [InlineData("./new/deeper/c.txt", "new/deeper/c.txt")]
    public void Resolve_RelativePathInside_ResolvesAgainstTheWorkspace(string path, string expected)
    {
        Assert.Equal(Path.Combine(_workspace, expected), WorkspacePathResolver.Resolve(_workspace, path));
    }

    [Fact]
    public void Resolve_AbsolutePathInside_IsAllowed()
    {
        var inside = Path.Combine(_workspace, "x.txt");

        Assert.Equal(inside, WorkspacePathResolver.Resolve(_workspace, inside));
    }

    [Theory]
    [InlineData("../outside/secret.txt")]
    [InlineData("sub/../../outside")]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    public void Resolve_PathLeavingTheWorkspace_IsRefusedNamingThePath(string path)
    {
        var error = Assert.Throws<ToolInputException>(() => WorkspacePathResolver.Resolve(_workspace, path));

        Assert.Contains($"'{path}' is outside the workspace", error.Message);
    }

    [Fact]
    public void Resolve_SiblingWithTheWorkspaceNameAsPrefix_IsRefused()
    {
        Directory.CreateDirectory(_workspace + "-evil");

        Assert.Throws<ToolInputException>(() => WorkspacePathResolver.Resolve(_workspace, "../ws-evil/x"));
    }

    [Fact]
    public void Resolve_SymlinkedDirectoryPointingOutside_IsRefused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_workspace, "escape"), _outside);

        Assert.Throws<ToolInputException>(() => WorkspacePathResolver.Resolve(_workspace, "escape/new.txt"));
    }

    [Fact]
    public void Resolve_DanglingSymlinkPointingOutside_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_workspace, "dangling"), Path.Combine(_outside, "not-yet"));

        Assert.Throws<ToolInputException>(() => WorkspacePathResolver.Resolve(_workspace, "dangling"));
    }

    [Fact]
    public void Resolve_RelativeSymlinkStayingInside_ResolvesToItsTarget()
    {
        Directory.CreateDirectory(Path.Combine(_workspace, "real"));
        Directory.CreateSymbolicLink(Path.Combine(_workspace, "alias"), "real");

        Assert.Equal(Path.Combine(_workspace, "real", "f.txt"), WorkspacePathResolver.Resolve(_workspace, "alias/f.txt"));
    }

    [Fact]
    public void Resolve_WorkspaceReachedThroughASymlink_AcceptsPathsInside()
    {
        var linkedWorkspace = _root.File("ws-link");
        Directory.CreateSymbolicLink(linkedWorkspace, _workspace);

        Assert.Equal(Path.Combine(_workspace, "a.txt"), WorkspacePathResolver.Resolve(linkedWorkspace, "a.txt"));
    }

    [Fact]
    public void Resolve_SymlinkLoop_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_workspace, "loop-a"), Path.Combine(_workspace, "loop-b"));
        File.CreateSymbolicLink(Path.Combine(_workspace, "loop-b"), Path.Combine(_workspace, "loop-a"));

        var error = Assert.Throws<ToolInputException>(() => WorkspacePathResolver.Resolve(_workspace, "loop-a"));

        Assert.Contains("symbolic links", error.Message);
    }
}
