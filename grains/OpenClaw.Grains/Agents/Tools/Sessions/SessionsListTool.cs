using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenClaw.GrainInterfaces;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Agents.Tools.Sessions;

/// <summary><c>sessions_list</c>: the calling agent's sessions, newest first, as compact JSON.</summary>
public sealed class SessionsListTool(ILogger<SessionsListTool> logger) : SessionsToolBase(logger)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    private const int PreviewChars = 200;

    public override string Name => ToolNames.SessionsList;

    public override string Description =>
        "List this agent's chat sessions, most recently updated first: key, kind, label, channel, update time, model "
        + "and a preview of the last message.";

    protected override JsonObject CreateSchema() => new ToolSchemaBuilder()
        .Integer("limit", $"Maximum sessions to return (default {DefaultLimit}).", 1, MaxLimit)
        .Integer("activeMinutes", "Only sessions updated within this many minutes.", 1, 525_600)
        .String("search", "Only sessions whose key, label or name contains this text.")
        .Build();

    protected override Task<ToolResult> ExecuteAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var query = new SessionListQuery(
            Limit: arguments.OptionalInt("limit", 1, MaxLimit) ?? DefaultLimit,
            ActiveMinutes: arguments.OptionalInt("activeMinutes", 1, 525_600),
            Search: arguments.OptionalString("search") is { Length: > 0 } search ? search : null);
        var index = context.Grains.GetGrain<ISessionIndexGrain>(GrainKeys.SessionIndex(context.AgentId));
        return CallGrainAsync($"the session index of agent {context.AgentId}", async () =>
        {
            var page = await index.ListAsync(query, cancellationToken);
            var rows = new JsonArray([.. page.Sessions.Select(Row)]);
            var result = new JsonObject { ["count"] = page.Sessions.Count, ["total"] = page.TotalCount, ["sessions"] = rows };
            return new ToolResult(result.ToJsonString());
        }, cancellationToken);
    }

    private static JsonNode Row(SessionEntry entry)
    {
        var row = new JsonObject { ["key"] = entry.Key, ["kind"] = entry.Kind, ["updatedAt"] = entry.UpdatedAt };
        AddIfSet(row, "label", entry.Label);
        AddIfSet(row, "displayName", entry.DisplayName);
        AddIfSet(row, "channel", entry.Channel);
        AddIfSet(row, "model", entry.Model);
        if (entry.TotalTokens > 0) row["totalTokens"] = entry.TotalTokens;
        AddIfSet(row, "lastMessage", TextCaps.Cap(entry.LastMessagePreview, PreviewChars));
        return row;
    }

    private static void AddIfSet(JsonObject row, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) row[name] = value;
    }
}
