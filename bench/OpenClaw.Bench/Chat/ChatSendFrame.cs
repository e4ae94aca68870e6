using System.Text;
using System.Text.Json;

namespace OpenClaw.Bench.Chat;

/// <summary>A <c>chat.send</c> request whose idempotency key (= the run id of its events) is a fresh UUID.</summary>
internal static class ChatSendFrame
{
    public const string Message = "hi";

    public static byte[] Build(long requestId, string sessionKey, string runId) => Encoding.UTF8.GetBytes(
        "{\"type\":\"req\",\"id\":\"" + requestId + "\",\"method\":\"chat.send\",\"params\":{\"sessionKey\":" +
        JsonSerializer.Serialize(sessionKey) + ",\"message\":\"" + Message + "\",\"idempotencyKey\":\"" + runId + "\"}}");
}
