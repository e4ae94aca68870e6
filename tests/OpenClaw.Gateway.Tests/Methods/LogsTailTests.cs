using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Logging;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Tests.Methods;

/// <summary>logs.tail through the gateway, over the gateway's own JSON-lines log (capture 24).</summary>
public sealed class LogsTailTests(FoundationGatewayFixture fixture) : IClassFixture<FoundationGatewayFixture>
{
    [Fact]
    public async Task LogsTail_CliParams_ReturnsTheLogFileWithJsonRecordLines()
    {
        await using var client = await fixture.ConnectReaderAsync();
        var marker = await WriteMarkerAsync(client);

        var result = await client.CallOkAsync("logs.tail", new JsonObject { ["limit"] = 500, ["maxBytes"] = 250000 });

        Assert.Equal(fixture.Gateway.Services.GetRequiredService<GatewayLogFile>().Path, Field.String(result, "file"));
        var size = Field.Number(result, "size");
        Assert.True(size > 0);
        Assert.InRange(Field.Number(result, "cursor"), 1, size);
        Field.Bool(result, "truncated");
        Assert.False(Field.Bool(result, "reset"));
        var lines = Field.Array(result, "lines").Select(l => l!.GetValue<string>()).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            var record = JsonNode.Parse(line)!.AsObject();
            Field.String(record, "time");
            Field.String(record, "message");
            Field.String(Field.Object(record, "_meta"), "logLevelName");
        });
        Assert.Contains(lines, line => line.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogsTail_WithCursor_ReturnsOnlyLinesWrittenSince()
    {
        await using var client = await fixture.ConnectReaderAsync();
        await WriteMarkerAsync(client);
        var first = await client.CallOkAsync("logs.tail", new JsonObject { ["limit"] = 5 });
        var cursor = (long)Field.Number(first, "cursor");

        var marker = await WriteMarkerAsync(client, fromCursor: cursor);
        var next = await client.CallOkAsync("logs.tail", new JsonObject { ["cursor"] = cursor });

        Assert.False(Field.Bool(next, "reset"));
        var lines = Field.Array(next, "lines").Select(l => l!.GetValue<string>()).ToList();
        Assert.Contains(lines, line => line.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(Field.Array(first, "lines").Select(l => l!.GetValue<string>()), line => line.Contains(marker, StringComparison.Ordinal));
        Assert.True(Field.Number(next, "cursor") > cursor);
    }

    [Fact]
    public async Task LogsTail_CursorPastTheEnd_ResetsAndReadsTheFile()
    {
        await using var client = await fixture.ConnectReaderAsync();
        await WriteMarkerAsync(client);

        var result = await client.CallOkAsync("logs.tail", new JsonObject { ["cursor"] = long.MaxValue / 2 });

        Assert.True(Field.Bool(result, "reset"));
        Assert.NotEmpty(Field.Array(result, "lines"));
    }

    [Fact]
    public async Task LogsTail_SmallLimit_KeepsTheNewestLinesAndSaysTruncated()
    {
        await using var client = await fixture.ConnectReaderAsync();
        await WriteMarkerAsync(client);
        var marker = await WriteMarkerAsync(client);

        var result = await client.CallOkAsync("logs.tail", new JsonObject { ["limit"] = 1 });

        var line = Assert.Single(Field.Array(result, "lines"))!.GetValue<string>();
        Assert.True(Field.Bool(result, "truncated"));
        Assert.Contains(marker, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limit", 5001)]
    [InlineData("limit", 0)]
    [InlineData("maxBytes", 0)]
    [InlineData("cursor", -1)]
    public async Task LogsTail_OutOfRangeParam_IsInvalidRequest(string name, long value)
    {
        await using var client = await fixture.ConnectReaderAsync();

        var error = await client.CallErrorAsync("logs.tail", new JsonObject { [name] = value });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
        Assert.StartsWith("invalid logs.tail params", (string?)error["message"]);
    }

    /// <summary>Logs a unique line through the gateway's logging and waits (bounded) until logs.tail shows it.</summary>
    private async Task<string> WriteMarkerAsync(Infrastructure.GatewayTestClient client, long? fromCursor = null)
    {
        var marker = $"logs-tail-marker-{Guid.NewGuid():N}";
        var logger = fixture.Gateway.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenClaw.Gateway.Tests.LogsTail");
        logger.LogInformation("{Marker}", marker);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var parameters = new JsonObject { ["limit"] = 5000 };
            if (fromCursor is not null)
            {
                parameters["cursor"] = fromCursor;
            }

            var tail = await client.CallOkAsync("logs.tail", parameters);
            if (tail["lines"]!.AsArray().Any(l => l!.GetValue<string>().Contains(marker, StringComparison.Ordinal)))
            {
                return marker;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"the log line {marker} did not reach the log file within 10 s");
    }
}
