using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Tests.Methods;

/// <summary>channels.status (capture 23) from the configured channels; no channel driver runs yet.</summary>
public sealed class ChannelsMethodsTests(FoundationGatewayFixture fixture) : IClassFixture<FoundationGatewayFixture>
{
    [Fact]
    public async Task ChannelsStatus_CliParams_ListsEveryConfiguredAccountAsNotRunning()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var result = await client.CallOkAsync("channels.status", new JsonObject { ["probe"] = false, ["timeoutMs"] = 59999 });

        Field.Number(result, "ts");
        Assert.Equal(["telegram", "discord"], Field.Array(result, "channelOrder").Select(c => c!.GetValue<string>()));
        var labels = Field.Object(result, "channelLabels");
        Assert.Equal("Telegram", (string?)labels["telegram"]);
        Assert.Equal("Discord", (string?)labels["discord"]);
        Field.Bool(Field.Object(result, "eventLoop"), "degraded");

        var discord = Field.Object(Field.Object(result, "channels"), "discord");
        Assert.True(Field.Bool(discord, "configured"));
        Assert.False(Field.Bool(discord, "running"));

        var accounts = Field.Object(result, "channelAccounts");
        var telegramAccounts = Field.Array(accounts, "telegram").Select(a => a!.AsObject()).ToList();
        Assert.Equal(["default"], telegramAccounts.Select(a => Field.String(a, "accountId")));
        var discordAccounts = Field.Array(accounts, "discord").Select(a => a!.AsObject()).ToList();
        Assert.Equal(["home", "work"], discordAccounts.Select(a => Field.String(a, "accountId")));
        Assert.False(Field.Bool(discordAccounts[0], "enabled"));
        Assert.True(Field.Bool(discordAccounts[1], "enabled"));
        Assert.All(discordAccounts, a => Assert.True(Field.Bool(a, "configured")));
        Assert.All(discordAccounts, a => Assert.False(Field.Bool(a, "running")));

        var defaults = Field.Object(result, "channelDefaultAccountId");
        Assert.Equal("default", (string?)defaults["telegram"]);
        Assert.Equal("home", (string?)defaults["discord"]);

        var issues = Field.Array(result, "statusIssues").Select(i => i!.AsObject()).ToList();
        Assert.Equal(3, issues.Count);
        Assert.All(issues, issue =>
        {
            Field.String(issue, "channel");
            Field.String(issue, "accountId");
            Assert.Equal("runtime", Field.String(issue, "kind"));
            Assert.Equal("channel driver not implemented by this gateway yet", Field.String(issue, "message"));
        });
    }

    [Fact]
    public async Task ChannelsStatus_OneChannel_ReturnsOnlyThatChannel()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var result = await client.CallOkAsync("channels.status", new JsonObject { ["channel"] = "telegram" });

        Assert.Equal(["telegram"], Field.Array(result, "channelOrder").Select(c => c!.GetValue<string>()));
        Assert.Equal(["telegram"], Field.Object(result, "channelAccounts").Select(p => p.Key));
    }

    [Fact]
    public async Task ChannelsStatus_NegativeTimeout_IsInvalidRequest()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var error = await client.CallErrorAsync("channels.status", new JsonObject { ["timeoutMs"] = -1 });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
        Assert.StartsWith("invalid channels.status params", (string?)error["message"]);
    }
}
