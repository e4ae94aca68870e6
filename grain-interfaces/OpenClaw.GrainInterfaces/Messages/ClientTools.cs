using System.Text.Json.Nodes;

namespace OpenClaw.GrainInterfaces.Messages;

/// <summary>
/// A function tool an HTTP client offers with its request (<c>tools</c> of <c>/v1/chat/completions</c> or
/// <c>/v1/responses</c>). The agent's model sees it next to the agent's own tools; the gateway never runs it: a call
/// to it ends the run and goes back to the client (<see cref="PendingToolCall"/>).
/// </summary>
public sealed record ClientToolDefinition(string Name, string? Description, JsonObject Parameters);

/// <summary>The client's <c>tool_choice</c>, narrowed to what reaches the model.</summary>
public sealed record ClientToolChoice(string Mode, string? Name = null)
{
    public const string Auto = "auto";
    public const string Required = "required";
    public const string Function = "function";

    public static readonly ClientToolChoice AutoChoice = new(Auto);
}

/// <summary>The client tools of one run and how the model must use them (null <see cref="Choice"/>: the model decides).</summary>
public sealed record ClientToolSet(IReadOnlyList<ClientToolDefinition> Tools, ClientToolChoice? Choice = null);

/// <summary>A call the model made to a client tool, handed back to the client; <see cref="Arguments"/> is JSON text.</summary>
public sealed record PendingToolCall(string Id, string Name, string Arguments);
