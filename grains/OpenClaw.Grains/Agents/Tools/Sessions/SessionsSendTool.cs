using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Agents.Tools.Sessions;

/// <summary>
/// <c>sessions_send</c>: sends a message into another session, which starts (or queues) a run there, and returns its
/// runId without waiting for the reply. Sending to the caller's own session is refused: the message would queue
/// behind the very run that sent it.
/// </summary>
public sealed class SessionsSendTool(ILogger<SessionsSendTool> logger) : SessionsToolBase(logger)
{
    public const int MaxMessageChars = 100_000;

    public override string Name => ToolNames.SessionsSend;

    public override string Description =>
        "Send a message to another chat session by session key. Starts an agent run there and returns its runId "
        + "immediately; use sessions_history later to read the reply.";

    protected override JsonObject CreateSchema() => new ToolSchemaBuilder()
        .String("sessionKey", "Target session key, e.g. agent:main:work or just work.", required: true)
        .String("message", "The message text.", required: true)
        .Build();

    protected override Task<ToolResult> ExecuteAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken)
    {
        var key = NormalizeKey(Name, arguments.RequiredString("sessionKey"), context.AgentId);
        var message = arguments.RequiredString("message");
        if (message.Length > MaxMessageChars)
            return Task.FromResult(ToolResult.Error($"{Name}: message is {message.Length} characters; at most {MaxMessageChars} are allowed"));
        if (IsOwnSession(key, context))
            return Task.FromResult(ToolResult.Error($"{Name}: '{key}' is your own session; a message sent there would wait for this run to end"));

        var command = new SendMessage { Text = message, IdempotencyKey = Guid.NewGuid().ToString("N"), Origin = MessageOrigin.Tool };
        var session = context.Grains.GetGrain<IChatSessionGrain>(key);
        return CallGrainAsync($"session {key}", async () =>
        {
            var accepted = await session.SendAsync(command, cancellationToken);
            var result = new JsonObject { ["runId"] = accepted.RunId, ["status"] = accepted.Status, ["sessionKey"] = accepted.SessionKey };
            return new ToolResult(result.ToJsonString());
        }, cancellationToken);
    }

    private static bool IsOwnSession(string targetKey, ToolContext context)
    {
        try
        {
            return SessionKeys.Normalize(context.SessionKey, context.AgentId) == targetKey;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
