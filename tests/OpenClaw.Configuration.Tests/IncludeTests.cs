namespace OpenClaw.Configuration.Tests;

/// <summary><c>$include</c>: merging rules, confinement, depth and cycles.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly TestConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_StringInclude_ReplacesContainerAndSiblingsOverride()
    {
        _dir.Write("parts/gateway.json5", "{ port: 19000, bind: 'lan', auth: { mode: 'token', token: 'from-include' } }");
        _dir.WriteConfig("{ gateway: { $include: './parts/gateway.json5', bind: 'loopback', auth: { token: 'sibling' } } }");

        var snapshot = _dir.Load();

        Assert.Equal(19000, snapshot.Config.Gateway.Port);
        Assert.Equal("loopback", snapshot.Config.Gateway.Bind);
        Assert.Equal("token", snapshot.Config.Gateway.Auth.Mode);
        Assert.Equal("sibling", snapshot.Config.Gateway.Auth.Token);
        Assert.Equal([Path.Combine(_dir.Root, "parts", "gateway.json5")], snapshot.IncludedPaths);
        Assert.False(snapshot.Parsed["gateway"]!.AsObject().ContainsKey("$include"));
    }

    [Fact]
    public void Load_ArrayInclude_DeepMergesInOrderThenSiblingsOverride()
    {
        _dir.Write("a.json5", "{ gateway: { port: 1000, controlUi: { allowedOrigins: ['https://a'] } }, logging: { level: 'debug' } }");
        _dir.Write("b.json5", "{ gateway: { port: 2000, controlUi: { allowedOrigins: ['https://b'] } } }");
        _dir.WriteConfig("{ $include: ['a.json5', 'b.json5'], logging: { level: 'warn' } }");

        var snapshot = _dir.Load();

        Assert.Equal(2000, snapshot.Config.Gateway.Port);
        Assert.Equal(["https://a", "https://b"], snapshot.Config.Gateway.ControlUi.AllowedOrigins);
        Assert.Equal("warn", snapshot.Config.Logging.Level);
        Assert.Equal(2, snapshot.IncludedPaths.Count);
    }

    [Fact]
    public void Load_NestedIncludeRelativeToIncludingFile_Resolves()
    {
        _dir.Write("sub/outer.json5", "{ $include: 'inner.json5', mode: 'local' }");
        _dir.Write("sub/inner.json5", "{ port: 3000 }");
        _dir.WriteConfig("{ gateway: { $include: 'sub/outer.json5' } }");

        var snapshot = _dir.Load();

        Assert.Equal(3000, snapshot.Config.Gateway.Port);
        Assert.Contains(Path.Combine(_dir.Root, "sub", "inner.json5"), snapshot.IncludedPaths);
    }

    [Fact]
    public void Load_IncludeEscapingConfigDir_FailsNamingThePath()
    {
        using var outside = new TestConfigDirectory();
        var secretFile = outside.Write("secret.json5", "{ port: 1 }");
        _dir.WriteConfig($"{{\n  gateway: {{ $include: '{secretFile}' }}\n}}");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Contains("escapes the config directory", error.Message, StringComparison.Ordinal);
        Assert.Contains(secretFile, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("openclaw.json:2:24: gateway.$include: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RelativeEscapeWithDotDot_Fails()
    {
        _dir.WriteConfig("{ gateway: { $include: '../elsewhere.json5' } }");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Contains("escapes the config directory: ../elsewhere.json5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IncludeUnderExtraIncludeRoot_IsAllowed()
    {
        using var shared = new TestConfigDirectory();
        var sharedFile = shared.Write("gateway.json5", "{ port: 4000 }");
        _dir.WriteConfig($"{{ gateway: {{ $include: '{sharedFile}' }} }}");
        var env = new Dictionary<string, string> { ["OPENCLAW_INCLUDE_ROOTS"] = "/nonexistent" + Path.PathSeparator + shared.Root };

        var snapshot = _dir.Load(env);

        Assert.Equal(4000, snapshot.Config.Gateway.Port);
    }

    [Fact]
    public void Load_SymlinkLeadingOutside_Fails()
    {
        using var outside = new TestConfigDirectory();
        var target = outside.Write("real.json5", "{ port: 5 }");
        File.CreateSymbolicLink(Path.Combine(_dir.Root, "link.json5"), target);
        _dir.WriteConfig("{ gateway: { $include: 'link.json5' } }");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Contains("through a symlink", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TenLevelsOfIncludes_Succeeds_ElevenFail()
    {
        WriteChain(10);
        Assert.Equal(10, _dir.Load().IncludedPaths.Count);

        WriteChain(11);
        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());
        Assert.Contains("nested deeper than 10 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CircularInclude_FailsShowingTheCycle()
    {
        _dir.Write("a.json5", "{ $include: 'b.json5' }");
        _dir.Write("b.json5", "{ $include: 'a.json5' }");
        _dir.WriteConfig("{ gateway: { $include: 'a.json5' } }");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Contains("circular include: openclaw.json -> a.json5 -> b.json5 -> a.json5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingIncludedFile_FailsNamingIt()
    {
        _dir.WriteConfig("{ gateway: { $include: 'missing.json5' } }");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Contains("included file not found: missing.json5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SyntaxErrorInIncludedFile_NamesThatFileAndPosition()
    {
        _dir.Write("parts/bad.json5", "{\n  port: 1,,\n}");
        _dir.WriteConfig("{ gateway: { $include: 'parts/bad.json5' } }");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.StartsWith($"{Path.Combine("parts", "bad.json5")}:2:11: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TypeErrorInIncludedValue_NamesTheIncludedFile()
    {
        _dir.Write("gw.json5", "{\n  port: 'high',\n}");
        _dir.WriteConfig("{ gateway: { $include: 'gw.json5' } }");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Equal("gw.json5:2:9: gateway.port: expected an integer 1-65535, got string", error.Message);
    }

    [Fact]
    public void Load_SiblingsWithNonObjectInclude_Fails()
    {
        _dir.Write("list.json5", "[1, 2]");
        _dir.WriteConfig("{ gateway: { $include: 'list.json5', port: 1 } }");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Contains("sibling keys need the included content to be an object, got array", error.Message, StringComparison.Ordinal);
    }

    private void WriteChain(int levels)
    {
        for (var i = 1; i <= levels; i++)
        {
            _dir.Write($"level{i}.json5", i == levels ? "{ port: 1234 }" : $"{{ $include: 'level{i + 1}.json5' }}");
        }
        _dir.WriteConfig("{ gateway: { $include: 'level1.json5' } }");
    }
}
