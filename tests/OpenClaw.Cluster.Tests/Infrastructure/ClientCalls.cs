using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Cluster.Tests.Infrastructure;

/// <summary>Protocol calls and event reads the cluster tests share.</summary>
internal static class ClientCalls
{
    public static readonly HashSet<string> TerminalChatStates = ["final", "aborted", "error"];

    public static async Task<JsonObject> CallOkAsync(this GatewayTestClient client, string method, JsonObject parameters, TimeSpan? timeout = null)
    {
        var response = await client.RequestAsync(method, parameters, timeout: timeout);
        Assert.True(response.Ok, $"{method} failed: {response.Error?.Code} {response.Error?.Message}");
        return response.Payload is { } payload ? JsonNode.Parse(payload.GetRawText())!.AsObject() : [];
    }

    public static JsonObject ChatSend(string sessionKey, string message, string idempotencyKey) =>
        new() { ["sessionKey"] = sessionKey, ["message"] = message, ["idempotencyKey"] = idempotencyKey };

    public static bool IsChatOf(JsonObject frame, string runId) =>
        (string?)frame["type"] == "event" && (string?)frame["event"] == "chat" && (string?)frame["payload"]?["runId"] == runId;

    public static bool IsTerminal(JsonObject frame, string runId) =>
        IsChatOf(frame, runId) && TerminalChatStates.Contains((string?)frame["payload"]?["state"] ?? "");

    /// <summary>Every chat event of <paramref name="runId"/> up to and including its terminal one (stashed frames first).</summary>
    public static async Task<List<JsonObject>> ChatEventsUntilTerminalAsync(this GatewayTestClient client, string runId, TimeSpan timeout)
    {
        var events = new List<JsonObject>();
        using var deadline = new CancellationTokenSource(timeout);
        foreach (var stashed in client.Stashed.Where(f => IsChatOf(f, runId)).ToList())
        {
            events.Add(stashed);
            if (IsTerminal(stashed, runId)) return events;
        }

        while (true)
        {
            JsonObject frame;
            try
            {
                frame = await client.ReceiveFrameAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no terminal chat event for run {runId} within {timeout.TotalSeconds:0.#} s " +
                                           $"(chat events seen: {string.Join(", ", events.Select(e => (string?)e["payload"]?["state"]))})");
            }
            if (!IsChatOf(frame, runId)) continue;
            events.Add(frame);
            if (IsTerminal(frame, runId)) return events;
        }
    }

    /// <summary>The session's transcript as (role, text) rows, oldest first.</summary>
    public static async Task<List<(string Role, string Text)>> HistoryAsync(this GatewayTestClient client, string sessionKey)
    {
        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = sessionKey, ["limit"] = 1000 });
        return history["messages"]!.AsArray().OfType<JsonObject>().Select(m => ((string)m["role"]!, TextOf(m["content"]))).ToList();
    }

    private static string TextOf(JsonNode? content) => content switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.OfType<JsonObject>().Where(p => (string?)p["type"] == "text").Select(p => (string?)p["text"])),
        _ => "",
    };
}
