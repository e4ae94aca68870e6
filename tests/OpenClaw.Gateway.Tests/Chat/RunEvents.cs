using System.Text.Json.Nodes;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Chat;

/// <summary>Reading a run's events off a test client: every frame is kept, so order and seq can be checked.</summary>
internal static class RunEvents
{
    public static readonly HashSet<string> TerminalChatStates = ["final", "aborted", "error"];

    /// <summary>Reads frames until the run's terminal chat event; returns every event frame read on the way (any run).</summary>
    public static async Task<List<JsonObject>> UntilTerminalAsync(this GatewayTestClient client, string runId, TimeSpan? timeout = null)
    {
        var frames = new List<JsonObject>();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        foreach (var stashed in client.Stashed.Where(f => (string?)f["type"] == "event").ToList())
        {
            frames.Add(stashed);
            if (IsTerminal(stashed, runId)) return frames;
        }

        while (true)
        {
            var frame = await client.ReceiveFrameAsync(deadline.Token);
            if ((string?)frame["type"] != "event") continue;
            frames.Add(frame);
            if (IsTerminal(frame, runId)) return frames;
        }
    }

    /// <summary>The next event frame of <paramref name="eventName"/> for <paramref name="runId"/> matching <paramref name="match"/>.</summary>
    public static Task<JsonObject> NextRunEventAsync(this GatewayTestClient client, string eventName, string runId, Func<JsonObject, bool>? match = null, TimeSpan? timeout = null) =>
        client.NextAsync(f => (string?)f["type"] == "event" && (string?)f["event"] == eventName &&
                              (string?)f["payload"]?["runId"] == runId && (match?.Invoke(f["payload"]!.AsObject()) ?? true), timeout ?? TimeSpan.FromSeconds(20));

    public static bool IsTerminal(JsonObject frame, string runId) =>
        (string?)frame["event"] == "chat" && (string?)frame["payload"]?["runId"] == runId &&
        TerminalChatStates.Contains((string?)frame["payload"]?["state"] ?? "");

    public static IEnumerable<JsonObject> OfRun(this IEnumerable<JsonObject> frames, string eventName, string runId) =>
        frames.Where(f => (string?)f["event"] == eventName && (string?)f["payload"]?["runId"] == runId).Select(f => f["payload"]!.AsObject());
}
