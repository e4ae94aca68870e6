using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Tests.Methods;

/// <summary>
/// sessions.list (capture 13): paging, filters, defaults and row fields, reading the session index grain that the
/// test seeds directly. The class fixture's "ops" agent holds five sessions plus one archived; "main" stays empty.
/// </summary>
public sealed class SessionsListTests(FoundationGatewayFixture fixture) : IClassFixture<FoundationGatewayFixture>, IAsyncLifetime
{
    private static readonly long BaseTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;

    public async Task InitializeAsync()
    {
        var index = fixture.SessionIndex("ops");
        for (var i = 0; i < 5; i++)
        {
            await index.UpsertAsync(new SessionEntry
            {
                Key = $"agent:ops:s{i}",
                SessionId = $"00000000-0000-0000-0000-00000000000{i}",
                AgentId = "ops",
                Label = i % 2 == 0 ? "even" : "odd",
                DisplayName = $"Session {i}",
                CreatedAt = BaseTime,
                UpdatedAt = BaseTime + i,
                Status = "done",
                Model = "big",
                ModelProvider = "remote",
                InputTokens = 10 * i,
                OutputTokens = i,
                TotalTokens = 11 * i,
                LastMessagePreview = $"preview {i}",
            });
        }

        // The newest entry, but archived: hidden unless asked for.
        await index.UpsertAsync(new SessionEntry
        {
            Key = "agent:ops:archived",
            SessionId = "00000000-0000-0000-0000-0000000000aa",
            UpdatedAt = BaseTime + 10,
            Archived = true,
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SessionsList_NoParams_ListsTheDefaultAgentWithEveryTopLevelField()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var result = await client.CallOkAsync("sessions.list", new JsonObject());

        Field.Number(result, "ts");
        Assert.Contains("main", Field.String(result, "path"));
        Assert.Equal(0, Field.Number(result, "count"));
        Assert.Equal(0, Field.Number(result, "totalCount"));
        Assert.Equal(100, Field.Number(result, "limitApplied"));
        Field.Null(result, "nextOffset");
        Assert.False(Field.Bool(result, "hasMore"));
        Assert.Empty(Field.Array(result, "owners"));
        var defaults = Field.Object(result, "defaults");
        Assert.Equal("stub", Field.String(defaults, "modelProvider"));
        Assert.Equal("stub-echo", Field.String(defaults, "model"));
        Assert.Equal(128000, Field.Number(defaults, "contextTokens"));
        Assert.Empty(Field.Array(result, "sessions"));
    }

    [Fact]
    public async Task SessionsList_Paging_WalksNewestFirstAndEndsWithNullNextOffset()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var first = await client.CallOkAsync("sessions.list", new JsonObject { ["agentId"] = "ops", ["limit"] = 2 });
        var second = await client.CallOkAsync("sessions.list", new JsonObject { ["agentId"] = "ops", ["limit"] = 2, ["offset"] = 2 });
        var last = await client.CallOkAsync("sessions.list", new JsonObject { ["agentId"] = "ops", ["limit"] = 2, ["offset"] = 4 });

        Assert.Equal(["agent:ops:s4", "agent:ops:s3"], Keys(first));
        Assert.Equal(2, Field.Number(first, "count"));
        Assert.Equal(5, Field.Number(first, "totalCount"));
        Assert.Equal(2, Field.Number(first, "limitApplied"));
        Assert.Equal(2, Field.Number(first, "nextOffset"));
        Assert.True(Field.Bool(first, "hasMore"));
        Assert.Equal(["agent:ops:s2", "agent:ops:s1"], Keys(second));
        Assert.Equal(4, Field.Number(second, "nextOffset"));
        Assert.Equal(["agent:ops:s0"], Keys(last));
        Field.Null(last, "nextOffset");
        Assert.False(Field.Bool(last, "hasMore"));
        Assert.Equal("remote", Field.String(Field.Object(first, "defaults"), "modelProvider"));
    }

    [Fact]
    public async Task SessionsList_Row_CarriesTheIndexEntryFields()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var result = await client.CallOkAsync("sessions.list", new JsonObject { ["agentId"] = "ops", ["limit"] = 1 });

        var row = Field.Array(result, "sessions").Single()!.AsObject();
        Assert.Equal("agent:ops:s4", Field.String(row, "key"));
        Assert.Equal("direct", Field.String(row, "kind"));
        Assert.Equal("00000000-0000-0000-0000-000000000004", Field.String(row, "sessionId"));
        Assert.Equal("ops", Field.String(row, "agentId"));
        Assert.Equal("even", Field.String(row, "label"));
        Assert.Equal("Session 4", Field.String(row, "displayName"));
        Assert.Equal(BaseTime + 4, (long)Field.Number(row, "updatedAt"));
        Assert.Equal(BaseTime, (long)Field.Number(row, "createdAt"));
        Assert.False(Field.Bool(row, "archived"));
        Assert.False(Field.Bool(row, "pinned"));
        Assert.Equal("done", Field.String(row, "status"));
        Assert.Equal("big", Field.String(row, "model"));
        Assert.Equal("remote", Field.String(row, "modelProvider"));
        Assert.Equal(40, Field.Number(row, "inputTokens"));
        Assert.Equal(4, Field.Number(row, "outputTokens"));
        Assert.Equal(44, Field.Number(row, "totalTokens"));
        Assert.False(Field.Bool(row, "hasActiveRun"));
        Assert.Empty(Field.Array(row, "activeRunIds"));
        Assert.False(row.ContainsKey("lastMessagePreview"), "the preview is sent only with includeLastMessage");
        Assert.False(row.ContainsKey("contextTokens"), "unset optionals are omitted, not null");
    }

    [Fact]
    public async Task SessionsList_IncludeLastMessage_AddsThePreview()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var result = await client.CallOkAsync("sessions.list", new JsonObject { ["agentId"] = "ops", ["limit"] = 1, ["includeLastMessage"] = true });

        Assert.Equal("preview 4", (string?)Field.Array(result, "sessions")[0]!["lastMessagePreview"]);
    }

    [Fact]
    public async Task SessionsList_LabelAndSearchFilters_NarrowThePage()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var odd = await client.CallOkAsync("sessions.list", new JsonObject { ["agentId"] = "ops", ["label"] = "odd" });
        var search = await client.CallOkAsync("sessions.list", new JsonObject { ["agentId"] = "OPS", ["search"] = "Session 2" });

        Assert.Equal(["agent:ops:s3", "agent:ops:s1"], Keys(odd));
        Assert.Equal(2, Field.Number(odd, "totalCount"));
        Assert.Equal(["agent:ops:s2"], Keys(search));
    }

    [Fact]
    public async Task SessionsList_UnknownAgent_IsInvalidRequestWithUnknownAgentIdCode()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var error = await client.CallErrorAsync("sessions.list", new JsonObject { ["agentId"] = "nobody" });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
        Assert.Equal("unknown agent id \"nobody\"", (string?)error["message"]);
        Assert.Equal("UNKNOWN_AGENT_ID", (string?)error["details"]?["code"]);
        Assert.Equal("nobody", (string?)error["details"]?["agentId"]);
    }

    [Fact]
    public async Task SessionsList_Archived_TrueListsOnlyArchivedAndAllListsBoth()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var archived = await client.CallOkAsync("sessions.list", new JsonObject { ["agentId"] = "ops", ["archived"] = true });
        var all = await client.CallOkAsync("sessions.list", new JsonObject { ["agentId"] = "ops", ["archived"] = "all" });

        Assert.Equal(["agent:ops:archived"], Keys(archived));
        Assert.True(Field.Bool(Field.Array(archived, "sessions")[0]!.AsObject(), "archived"));
        Assert.Equal(6, Field.Number(all, "totalCount"));
        Assert.Equal("agent:ops:archived", Keys(all)[0]);
    }

    [Theory]
    [InlineData("archived", "some")]
    [InlineData("sortBy", "key")]
    [InlineData("label", "")]
    public async Task SessionsList_InvalidStringParam_IsInvalidRequest(string name, string value)
    {
        await using var client = await fixture.ConnectReaderAsync();

        var error = await client.CallErrorAsync("sessions.list", new JsonObject { [name] = value });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
        Assert.StartsWith("invalid sessions.list params", (string?)error["message"]);
    }

    [Theory]
    [InlineData("limit", 1001)]
    [InlineData("limit", 0)]
    [InlineData("offset", -1)]
    public async Task SessionsList_OutOfRangeParam_IsInvalidRequest(string name, int value)
    {
        await using var client = await fixture.ConnectReaderAsync();

        var error = await client.CallErrorAsync("sessions.list", new JsonObject { [name] = value });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
        Assert.StartsWith("invalid sessions.list params", (string?)error["message"]);
    }

    [Fact]
    public async Task SessionsList_UnknownParam_IsInvalidRequest()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var error = await client.CallErrorAsync("sessions.list", new JsonObject { ["ownerId"] = "someone" });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
    }

    private static IReadOnlyList<string> Keys(JsonObject result) =>
        [.. Field.Array(result, "sessions").Select(s => (string)s!["key"]!)];
}
