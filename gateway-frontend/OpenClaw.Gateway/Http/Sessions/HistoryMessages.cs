using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Actors.Serialization;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Http.Sessions;

/// <summary>Transcript messages in OpenClaw's wire shape (camelCase, typed content parts), as <c>chat.history</c> sends them.</summary>
internal static class HistoryMessages
{
    public static JsonObject ToWire(ChatMessage message) =>
        JsonSerializer.SerializeToNode(message, ActorJson.Options)?.AsObject() ?? [];
}
