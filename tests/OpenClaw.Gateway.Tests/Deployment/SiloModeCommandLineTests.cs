using OpenClaw.Silo;

namespace OpenClaw.Gateway.Tests.Deployment;

/// <summary>`--mode cluster` selects the grains-only silo (docker-compose runs it so); without it the silo stays embedded.</summary>
public sealed class SiloModeCommandLineTests
{
    [Fact]
    public void ParseMode_NoModeFlag_IsEmbeddedAndKeepsOtherFlags()
    {
        var (mode, remaining) = SiloCommandLine.ParseMode(["--port", "1234"]);
        Assert.Equal(SiloMode.Embedded, mode);
        Assert.Equal(["--port", "1234"], remaining);
    }

    [Theory]
    [InlineData("--mode", "cluster")]
    [InlineData("--mode=cluster", null)]
    public void ParseMode_ModeCluster_IsClusterAndRemovesTheFlag(string first, string? second)
    {
        var (mode, remaining) = SiloCommandLine.ParseMode(second is null ? [first, "--config", "c.json"] : [first, second, "--config", "c.json"]);
        Assert.Equal(SiloMode.Cluster, mode);
        Assert.Equal("c.json", SiloCommandLine.ParseCluster(remaining).ConfigPath);
    }

    [Fact]
    public void ParseMode_UnknownMode_ThrowsNamingTheChoices()
    {
        var ex = Assert.Throws<ArgumentException>(() => SiloCommandLine.ParseMode(["--mode", "swarm"]));
        Assert.Contains("'embedded' or 'cluster'", ex.Message);
    }

    [Fact]
    public void ParseCluster_EmbeddedOnlyFlag_IsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => SiloCommandLine.ParseCluster(["--port", "18789"]));
        Assert.Contains("--mode cluster", ex.Message);
    }
}
