using System.Text.Json.Nodes;
using OpenClaw.Grains.Agents.Tools;

namespace OpenClaw.Grains.Tests.Sessions.Support;

public sealed class StaticToolCatalog(params IAgentTool[] tools) : IToolCatalog
{
    public IReadOnlyList<IAgentTool> ToolsFor(string agentId) => tools;
}

/// <summary>Returns <c>echoed: &lt;text&gt;</c>.</summary>
public sealed class EchoTool : IAgentTool
{
    public string Name => "echo";
    public string Description => "Echoes its text argument.";
    public JsonObject ParametersSchema => new() { ["type"] = "object", ["properties"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "string" } } };

    public Task<ToolResult> InvokeAsync(JsonObject arguments, ToolContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new ToolResult("echoed: " + arguments["text"]?.GetValue<string>()));
}

/// <summary>Always throws, as a buggy tool would.</summary>
public sealed class FailingTool : IAgentTool
{
    public string Name => "explode";
    public string Description => "Throws.";
    public JsonObject ParametersSchema => new() { ["type"] = "object" };

    public Task<ToolResult> InvokeAsync(JsonObject arguments, ToolContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("boom");
}

/// <summary>Waits until <see cref="Release"/> is called (or the call is cancelled); signals when entered.</summary>
public sealed class GateTool : IAgentTool
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "gate";
    public string Description => "Waits for the test.";
    public JsonObject ParametersSchema => new() { ["type"] = "object" };
    public Task Entered => _entered.Task;

    public void Release() => _release.TrySetResult();

    public async Task<ToolResult> InvokeAsync(JsonObject arguments, ToolContext context, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _release.Task.WaitAsync(cancellationToken);
        return new ToolResult("gate opened");
    }
}
