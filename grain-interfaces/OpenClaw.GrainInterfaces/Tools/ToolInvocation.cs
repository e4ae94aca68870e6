using System.Text.Json.Nodes;

namespace OpenClaw.GrainInterfaces.Tools;

/// <summary>One tool call from outside an agent run.</summary>
public sealed record ToolInvocation
{
    public required string Tool { get; init; }

    /// <summary>Merged into the arguments as <c>action</c> unless they already carry one (OpenClaw's multi-action tools).</summary>
    public string? Action { get; init; }

    /// <summary>The tool's arguments object; null means none.</summary>
    public JsonObject? Args { get; init; }

    /// <summary>The canonical session key the tool runs for (sessions_* tools act relative to it).</summary>
    public required string SessionKey { get; init; }

    /// <summary>Checks that the tool exists and is allowed, without running it.</summary>
    public bool DryRun { get; init; }

    /// <summary>Applies the HTTP deny list (<c>gateway.tools.allow/deny</c>) on top of the agent's policy.</summary>
    public bool OverHttp { get; init; } = true;
}

public enum ToolInvocationStatus
{
    /// <summary>The tool ran and succeeded (or, for a dry run, would run).</summary>
    Ok,
    /// <summary>The tool ran and reported an error.</summary>
    ToolError,
    /// <summary>Unknown, or not allowed for this caller.</summary>
    NotFound,
}

/// <summary><see cref="Content"/> is the tool's output on <see cref="ToolInvocationStatus.Ok"/>; <see cref="Message"/> explains the others.</summary>
public sealed record ToolInvocationResult(ToolInvocationStatus Status, string? Content = null, string? Message = null)
{
    public static ToolInvocationResult NotFound(string tool) => new(ToolInvocationStatus.NotFound, Message: $"Tool not available: {tool}");
}

public sealed record ToolDescriptor(string Name, string Description, bool AllowedOverHttp);
