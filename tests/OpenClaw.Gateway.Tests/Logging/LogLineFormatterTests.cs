using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Logging;

namespace OpenClaw.Gateway.Tests.Logging;

/// <summary>One log record → one JSON line in the tslog shape the real CLI parses (capture 24).</summary>
public sealed class LogLineFormatterTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 5, 2, 33, 736, TimeSpan.Zero);

    [Fact]
    public void Format_Record_WritesTheUpstreamFieldsOnOneLine()
    {
        var formatter = new LogLineFormatter();

        var bytes = formatter.Format(new LogRecord(Time, LogLevel.Warning, "OpenClaw.Gateway.Connections.GatewayConnection", "slow ⇄ consumer", null));

        var text = Encoding.UTF8.GetString(bytes.Span);
        Assert.EndsWith("\n", text);
        Assert.DoesNotContain('\n', text[..^1]);
        var line = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("""{"subsystem":"gateway/connections"}""", (string?)line["0"]);
        Assert.Equal("slow ⇄ consumer", (string?)line["1"]);
        Assert.Equal("slow ⇄ consumer", (string?)line["message"]);
        Assert.Equal("2026-11-22T05:02:33.736+00:00", (string?)line["time"]);
        Assert.Equal(Environment.MachineName, (string?)line["hostname"]);
        var meta = line["_meta"]!.AsObject();
        Assert.Equal("dotnet", (string?)meta["runtime"]);
        Assert.Equal(Environment.Version.ToString(), (string?)meta["runtimeVersion"]);
        Assert.Equal(Environment.MachineName, (string?)meta["hostname"]);
        Assert.Equal("2026-11-22T05:02:33.736Z", (string?)meta["date"]);
        Assert.Equal(4, (int?)meta["logLevelId"]);
        Assert.Equal("WARN", (string?)meta["logLevelName"]);
        Assert.Equal((string?)line["0"], (string?)meta["name"]);
        Assert.Equal(["openclaw"], meta["parentNames"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("slow ⇄ consumer", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_WithException_AppendsItToTheMessage()
    {
        var formatter = new LogLineFormatter();
        var exception = new InvalidOperationException("boom");

        var bytes = formatter.Format(new LogRecord(Time, LogLevel.Error, "OpenClaw.Gateway.Rpc.RpcDispatcher", "call failed", exception));

        var line = JsonNode.Parse(Encoding.UTF8.GetString(bytes.Span))!.AsObject();
        Assert.StartsWith("call failed\nSystem.InvalidOperationException: boom", (string?)line["message"]);
        Assert.Equal("ERROR", (string?)line["_meta"]!["logLevelName"]);
    }

    [Theory]
    [InlineData(LogLevel.Trace, 1, "TRACE")]
    [InlineData(LogLevel.Debug, 2, "DEBUG")]
    [InlineData(LogLevel.Information, 3, "INFO")]
    [InlineData(LogLevel.Warning, 4, "WARN")]
    [InlineData(LogLevel.Error, 5, "ERROR")]
    [InlineData(LogLevel.Critical, 6, "FATAL")]
    public void Levels_MapToTslogIdsAndNames(LogLevel level, int id, string name)
    {
        Assert.Equal(id, OpenClawLogLevels.Id(level));
        Assert.Equal(name, OpenClawLogLevels.Name(level));
    }

    [Theory]
    [InlineData("silent", LogLevel.None)]
    [InlineData("fatal", LogLevel.Critical)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("WARN", LogLevel.Warning)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData(null, LogLevel.Information)]
    public void FromConfig_MapsLoggingLevel(string? configured, LogLevel expected) =>
        Assert.Equal(expected, OpenClawLogLevels.FromConfig(configured));

    [Theory]
    [InlineData("OpenClaw.Gateway.Rpc.RpcDispatcher", "gateway/rpc")]
    [InlineData("OpenClaw.Silo", "silo")]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics", "microsoft/aspnetcore/hosting")]
    [InlineData("", "gateway")]
    public void Subsystem_FromCategory(string category, string expected) =>
        Assert.Equal(expected, LogSubsystems.FromCategory(category));
}
