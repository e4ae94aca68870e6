using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Protocol.Http;

/// <summary><c>POST /tools/invoke</c>: <c>tool</c> or its alias <c>name</c> names the tool.</summary>
public sealed class ToolsInvokeRequest
{
    public string? Tool { get; init; }
    public string? Name { get; init; }
    public string? Action { get; init; }
    public JsonObject? Args { get; init; }
    /// <summary>Defaults to <c>main</c> (the agent's main session).</summary>
    public string? SessionKey { get; init; }
    public string? AgentId { get; init; }
    public string? IdempotencyKey { get; init; }
    public bool? DryRun { get; init; }
}

/// <summary><c>{ok:true, result}</c> or <c>{ok:false, error{type, message}}</c>.</summary>
public sealed record ToolsInvokeResponse(bool Ok)
{
    public ToolsInvokeResult? Result { get; init; }
    public ToolsInvokeError? Error { get; init; }
}

/// <summary>The tool's output as content parts (the agent tool result shape).</summary>
public sealed record ToolsInvokeResult(IReadOnlyList<ToolsInvokeContent> Content)
{
    public bool? DryRun { get; init; }
}

public sealed record ToolsInvokeContent(string Type, string Text);

/// <summary><see cref="Type"/>: <c>tool_error</c> or <c>not_found</c>.</summary>
public sealed record ToolsInvokeError(string Type, string Message);
