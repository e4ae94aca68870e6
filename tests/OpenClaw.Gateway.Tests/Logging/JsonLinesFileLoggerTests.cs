using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Logging;

namespace OpenClaw.Gateway.Tests.Logging;

/// <summary>The file logger end to end on a temporary file: level filter, line format, drops, rotation.</summary>
public sealed class JsonLinesFileLoggerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"openclaw-log-{Guid.NewGuid():N}");

    private string LogFile => Path.Combine(_directory, "logs", "openclaw.log");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Provider_LogsAboveMinLevel_WritesOneParsableLinePerRecord()
    {
        var provider = new JsonLinesFileLoggerProvider(new JsonLinesFileLoggerOptions { FilePath = LogFile, MinLevel = LogLevel.Information }, TimeProvider.System);
        var logger = provider.CreateLogger("OpenClaw.Gateway.Connections.GatewayConnection");

        logger.LogDebug("hidden");
        logger.LogInformation("connected {ConnId}", "c-1");
        logger.LogError(new InvalidOperationException("boom"), "failed");
        await provider.DisposeAsync().AsTask().WaitAsync(Timeout);

        var lines = (await File.ReadAllLinesAsync(LogFile)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(["connected c-1", "failed\nSystem.InvalidOperationException: boom"], lines.Select(l => (string?)l["message"]));
        Assert.Equal(["INFO", "ERROR"], lines.Select(l => (string?)l["_meta"]!["logLevelName"]));
        Assert.All(lines, l => Assert.Equal("""{"subsystem":"gateway/connections"}""", (string?)l["0"]));
    }

    [Fact]
    public async Task Provider_Silent_WritesNothing()
    {
        var provider = new JsonLinesFileLoggerProvider(new JsonLinesFileLoggerOptions { FilePath = LogFile, MinLevel = LogLevel.None }, TimeProvider.System);
        var logger = provider.CreateLogger("OpenClaw.Test");

        logger.LogCritical("even this");
        await provider.DisposeAsync().AsTask().WaitAsync(Timeout);

        Assert.False(logger.IsEnabled(LogLevel.Critical));
        Assert.False(File.Exists(LogFile));
    }

    [Fact]
    public async Task Writer_AfterDrops_WritesOneDroppedCountLine()
    {
        var options = new JsonLinesFileLoggerOptions { FilePath = LogFile, QueueCapacity = 4 };
        var queue = new BoundedLogQueue(options.QueueCapacity);
        for (var i = 0; i < 10; i++)
        {
            queue.TryEnqueue(new LogRecord(DateTimeOffset.UtcNow, LogLevel.Information, "OpenClaw.Test", $"record {i}", null));
        }

        queue.Complete();
        await new LogFileWriter(options, TimeProvider.System).RunAsync(queue).WaitAsync(Timeout);

        var messages = (await File.ReadAllLinesAsync(LogFile)).Select(l => (string?)JsonNode.Parse(l)!["message"]).ToList();
        Assert.Equal(["record 0", "record 1", "record 2", "record 3", "6 log records dropped (log queue full)"], messages);
    }

    [Fact]
    public async Task Writer_PastMaxFileBytes_RotatesToDotOneAndKeepsEveryLineParsable()
    {
        var options = new JsonLinesFileLoggerOptions { FilePath = LogFile, MaxFileBytes = 4096 };
        var provider = new JsonLinesFileLoggerProvider(options, TimeProvider.System);
        var logger = provider.CreateLogger("OpenClaw.Test");

        for (var i = 0; i < 40; i++)
        {
            logger.LogInformation("rotation record {Index:D3} {Padding}", i, new string('x', 100));
        }

        await provider.DisposeAsync().AsTask().WaitAsync(Timeout);

        var rotated = LogFile + ".1";
        Assert.True(File.Exists(rotated));
        Assert.InRange(new FileInfo(LogFile).Length, 1, options.MaxFileBytes);
        Assert.InRange(new FileInfo(rotated).Length, 1, options.MaxFileBytes);
        var current = (await File.ReadAllLinesAsync(LogFile)).Select(l => (string)JsonNode.Parse(l)!["message"]!).ToList();
        Assert.EndsWith($"039 {new string('x', 100)}", current[^1]);
        Assert.All(await File.ReadAllLinesAsync(rotated), l => Assert.NotNull(JsonNode.Parse(l)!["_meta"]));
    }

    [Fact]
    public async Task Provider_ManyConcurrentLoggers_LosesNoLineUnderCapacity()
    {
        var provider = new JsonLinesFileLoggerProvider(new JsonLinesFileLoggerOptions { FilePath = LogFile }, TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            var logger = provider.CreateLogger($"OpenClaw.Worker{worker}");
            for (var i = 0; i < 500; i++)
            {
                logger.LogInformation("w{Worker} n{Index}", worker, i);
            }
        }))).WaitAsync(Timeout);
        await provider.DisposeAsync().AsTask().WaitAsync(Timeout);

        var lines = await File.ReadAllLinesAsync(LogFile);
        Assert.Equal(2000, lines.Length);
        Assert.All(lines, l => Assert.NotNull(JsonNode.Parse(l)));
    }
}
