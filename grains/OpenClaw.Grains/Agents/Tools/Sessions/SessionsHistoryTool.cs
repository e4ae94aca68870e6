using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Agents.Tools.Sessions;

/// <summary>
/// <c>sessions_history</c>: the latest messages of a session as role + text. Each message is capped at
/// <see cref="MaxMessageChars"/>; when the whole answer would pass <see cref="MaxTotalChars"/> the oldest messages
/// are left out first, since the recent ones are what a caller asks about.
/// </summary>
public sealed class SessionsHistoryTool(ILogger<SessionsHistoryTool> logger) : SessionsToolBase(logger)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 200;
    public const int MaxMessageChars = 4000;
    public const int MaxTotalChars = 40_000;

    public override string Name => ToolNames.SessionsHistory;

    public override string Description =>
        "Read the latest messages of a chat session (yours or another one) by session key, as role and text.";

    protected override JsonObject CreateSchema() => new ToolSchemaBuilder()
        .String("sessionKey", "Session key, e.g. agent:main:main or just main.", required: true)
        .Integer("limit", $"Maximum messages to return, newest last (default {DefaultLimit}).", 1, MaxLimit)
        .Boolean("includeTools", "Include tool result messages (default false).")
        .Build();

    protected override Task<ToolResult> ExecuteAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var key = NormalizeKey(Name, arguments.RequiredString("sessionKey"), context.AgentId);
        var limit = arguments.OptionalInt("limit", 1, MaxLimit) ?? DefaultLimit;
        var includeTools = arguments.OptionalBool("includeTools", false);
        var session = context.Grains.GetGrain<IChatSessionGrain>(key);
        return CallGrainAsync($"session {key}", async () =>
        {
            var page = await session.GetHistoryAsync(new HistoryQuery(Limit: limit), cancellationToken);
            var rows = page.Messages
                .Select(m => m.Message)
                .Where(m => includeTools || m.Role != ChatRoles.ToolResult)
                .Select(Row)
                .ToList();
            var omitted = DropOldestOverBudget(rows);
            var result = new JsonObject
            {
                ["sessionKey"] = key,
                ["total"] = page.TotalMessages,
                ["messages"] = new JsonArray([.. rows]),
            };
            if (omitted > 0) result["omittedOlder"] = omitted;
            return new ToolResult(result.ToJsonString());
        }, cancellationToken);
    }

    private static JsonObject Row(ChatMessage message)
    {
        var row = new JsonObject { ["role"] = message.Role, ["text"] = TextCaps.Cap(message.Text(), MaxMessageChars) };
        if (message.ToolName is { } toolName) row["toolName"] = toolName;
        var calls = message.Content.OfType<ToolCallPart>().Select(c => c.Name).ToArray();
        if (calls.Length > 0) row["toolCalls"] = new JsonArray([.. calls.Select(c => JsonValue.Create(c))]);
        if (message.IsError == true) row["isError"] = true;
        return row;
    }

    private static int DropOldestOverBudget(List<JsonObject> rows)
    {
        var sizes = rows.Select(r => r.ToJsonString().Length).ToList();
        var total = sizes.Sum();
        var dropped = 0;
        while (total > MaxTotalChars && dropped < rows.Count - 1)
        {
            total -= sizes[dropped];
            dropped++;
        }
        rows.RemoveRange(0, dropped);
        return dropped;
    }
}
