namespace OpenClaw.Grains.Agents.Tools;

/// <summary>
/// A call the model can correct (bad argument, path outside the workspace, no match). <see cref="AgentTool"/> turns it
/// into an error <see cref="ToolResult"/> carrying <see cref="Exception.Message"/>, so the message must speak to the model.
/// </summary>
public sealed class ToolInputException(string message) : Exception(message);
