using System.Runtime.Versioning;
using System.Text;
using OpenClaw.Grains.Agents.Tools.Files;
using OpenClaw.Grains.Tests.Tools.Support;

namespace OpenClaw.Grains.Tests.Tools;

/// <summary>edit replaces exact text only where the model can be sure which occurrence it meant.</summary>
public sealed class EditToolTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly string _workspace;
    private readonly EditTool _edit = new();

    public EditToolTests() => _workspace = Directory.CreateDirectory(_root.File("ws")).FullName;

    public void Dispose() => _root.Dispose();

    private string Write(string name, string content)
    {
        var path = Path.Combine(_workspace, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Edit_UniqueMatch_ReplacesIt()
    {
        var path = Write("code.cs", "int a = 1;\nint b = 2;\n");

        var result = await _edit.InvokeAsync("""{"path":"code.cs","oldText":"int b = 2;","newText":"int b = 3;"}""", _workspace);

        Assert.False(result.IsError, result.Content);
        Assert.Equal("int a = 1;\nint b = 3;\n", File.ReadAllText(path));
        Assert.Equal("Replaced 1 occurrence in code.cs", result.Content);
    }

    [Fact]
    public async Task Edit_NoMatch_IsAnErrorAndLeavesTheFile()
    {
        var path = Write("f.txt", "alpha beta");

        var result = await _edit.InvokeAsync("""{"path":"f.txt","oldText":"gamma","newText":"delta"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("oldText was not found in 'f.txt'", result.Content);
        Assert.Equal("alpha beta", File.ReadAllText(path));
    }

    [Fact]
    public async Task Edit_SeveralMatchesWithoutReplaceAll_IsAnErrorWithTheCount()
    {
        var path = Write("f.txt", "x = 1; x = 1; x = 1;");

        var result = await _edit.InvokeAsync("""{"path":"f.txt","oldText":"x = 1;","newText":"x = 2;"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("occurs 3 times", result.Content);
        Assert.Equal("x = 1; x = 1; x = 1;", File.ReadAllText(path));
    }

    [Fact]
    public async Task Edit_SeveralMatchesWithReplaceAll_ReplacesEvery()
    {
        var path = Write("f.txt", "x = 1; x = 1; x = 1;");

        var result = await _edit.InvokeAsync("""{"path":"f.txt","oldText":"x = 1;","newText":"x = 2;","replaceAll":true}""", _workspace);

        Assert.False(result.IsError, result.Content);
        Assert.Equal("x = 2; x = 2; x = 2;", File.ReadAllText(path));
        Assert.Equal("Replaced 3 occurrences in f.txt", result.Content);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Edit_ExecutableScript_StaysExecutableAndKeepsItsBom()
    {
        var path = Path.Combine(_workspace, "run.sh");
        File.WriteAllText(path, "echo old\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await _edit.InvokeAsync("""{"path":"run.sh","oldText":"old","newText":"new"}""", _workspace);

        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal([0xEF, 0xBB, 0xBF, .. "echo new\n"u8.ToArray()], File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Edit_ThroughASymlinkToAFileOutside_IsRefused()
    {
        var outside = _root.Write("outside.txt", "keep me");
        File.CreateSymbolicLink(Path.Combine(_workspace, "link.txt"), outside);

        var result = await _edit.InvokeAsync("""{"path":"link.txt","oldText":"keep","newText":"lose"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("outside the workspace", result.Content);
        Assert.Equal("keep me", File.ReadAllText(outside));
    }

    [Fact]
    public async Task Edit_ParentTraversal_IsRefused()
    {
        var outside = _root.Write("outside.txt", "keep me");

        var result = await _edit.InvokeAsync("""{"path":"../outside.txt","oldText":"keep","newText":"lose"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Equal("keep me", File.ReadAllText(outside));
    }

    [Fact]
    public async Task Edit_EmptyOldText_IsAnError()
    {
        Write("f.txt", "abc");

        var result = await _edit.InvokeAsync("""{"path":"f.txt","oldText":"","newText":"x"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("'oldText' must not be empty", result.Content);
    }
}
