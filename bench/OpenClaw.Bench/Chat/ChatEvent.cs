using System.Text.Json;

namespace OpenClaw.Bench.Chat;

/// <summary>The fields of a <c>chat</c> event the bench routes on: <c>payload.runId</c> and <c>payload.state</c>.</summary>
internal readonly record struct ChatEvent(string RunId, string State)
{
    /// <summary>States after which a run sends no more chat events.</summary>
    public bool IsTerminal => State is "final" or "error" or "aborted";

    /// <summary>Reads an event frame; false when it is not a <c>chat</c> event with a runId and a state.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> frame, out ChatEvent chatEvent)
    {
        chatEvent = default;
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        if (!root.TryGetProperty("event", out var name) || !name.ValueEquals("chat")
            || !root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("runId", out var runId) || runId.ValueKind != JsonValueKind.String
            || !payload.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.String)
            return false;
        chatEvent = new ChatEvent(runId.GetString()!, state.GetString()!);
        return true;
    }
}
