using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Grains.Agents.Models;

/// <summary>
/// One LLM provider endpoint (OpenAI-compatible or Anthropic), streaming. Implementations wrap the official SDKs;
/// they translate transcript messages to the provider's format and the provider's stream back to
/// <see cref="ModelStreamUpdate"/>s. Errors surface as <see cref="ModelCallException"/> with a classified kind.
/// </summary>
public interface IModelClient
{
    IAsyncEnumerable<ModelStreamUpdate> StreamAsync(ModelRequest request, CancellationToken cancellationToken);
}

/// <summary>A model call: the whole context (system prompt, messages) and the tools the model may call.</summary>
public sealed record ModelRequest
{
    /// <summary>The model id inside the provider (the part after <c>provider/</c>).</summary>
    public required string Model { get; init; }
    public string? SystemPrompt { get; init; }
    public required IReadOnlyList<ChatMessage> Messages { get; init; }
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];
    /// <summary>off, minimal, low, medium, high (OpenClaw thinking levels); mapped to the provider's reasoning options.</summary>
    public string? Thinking { get; init; }
    public int? MaxTokens { get; init; }
    /// <summary>The client's <c>tool_choice</c> (<see cref="ClientToolChoice"/>); null lets the model decide.</summary>
    public ClientToolChoice? ToolChoice { get; init; }
}

/// <summary>A tool as the model sees it: name, description and a JSON Schema of its arguments.</summary>
public sealed record ToolDefinition(string Name, string Description, JsonObject ParametersSchema);

/// <summary>One piece of a streamed model response.</summary>
public abstract record ModelStreamUpdate;

public sealed record TextDelta(string Text) : ModelStreamUpdate;

public sealed record ThinkingDelta(string Text) : ModelStreamUpdate;

/// <summary>A complete tool call (argument deltas are assembled by the client before this is yielded).</summary>
public sealed record ToolCallRequested(string Id, string Name, JsonObject Arguments) : ModelStreamUpdate;

public sealed record UsageReported(UsageInfo Usage) : ModelStreamUpdate;

/// <summary>The response ended; <see cref="StopReason"/> is stop, toolUse, length or error (OpenClaw's names).</summary>
public sealed record ResponseCompleted(string StopReason) : ModelStreamUpdate;

/// <summary>Why a model call failed, which decides retry and fallback.</summary>
public enum ModelErrorKind { RateLimit, Timeout, ContextLength, Refusal, Auth, BadRequest, Unavailable, Unknown }

public sealed class ModelCallException(ModelErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public ModelErrorKind Kind { get; } = kind;
    /// <summary>How long the provider asked us to wait (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>Worth trying the next model in the fallback list.</summary>
    public bool ShouldFallBack => Kind is ModelErrorKind.RateLimit or ModelErrorKind.Timeout or ModelErrorKind.Unavailable or ModelErrorKind.Unknown;
}
