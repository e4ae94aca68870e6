using System.Runtime.CompilerServices;
using global::Anthropic;
using global::Anthropic.Core;
using OpenClaw.Configuration.Model;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Models.Transport;

namespace OpenClaw.Grains.Agents.Models.Anthropic;

/// <summary>
/// An <c>anthropic-messages</c> provider through the official SDK's streaming Messages API. The SDK's own retries
/// are off: the router owns retry policy.
/// </summary>
public sealed class AnthropicModelClient : IModelClient
{
    private readonly AnthropicClient _client;
    private readonly ModelProviderConfig _provider;
    private readonly RetryAfterCapture _retryAfter;

    public AnthropicModelClient(ModelProviderConfig provider, ModelHttpTransport transport)
    {
        _provider = provider;
        _retryAfter = transport.Capture;
        _client = new AnthropicClient(new ClientOptions
        {
            HttpClient = transport.Client,
            BaseUrl = HostRoot(provider.BaseUrl),
            // Both default to environment variables when left unset: set them so only the config decides.
            ApiKey = provider.ApiKey ?? "",
            AuthToken = null,
            MaxRetries = 0,
            Timeout = ProviderDefaults.TimeoutOf(provider),
        });
    }

    public async IAsyncEnumerable<ModelStreamUpdate> StreamAsync(ModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parameters = AnthropicMessageMapper.ToParams(request, _provider);
        var retryAfter = _retryAfter.Begin();
        var toolCalls = new ToolCallAccumulator();
        var usage = new UsageInfo(0, 0);
        string? stopReason = null;
        var stopped = false;

        var events = ModelStreamGuard.TranslateErrors(
            () => _client.Messages.CreateStreaming(parameters, cancellationToken),
            exception => AnthropicErrors.Translate(exception, _provider.Id, request.Model, retryAfter.RetryAfter),
            cancellationToken);
        await foreach (var streamEvent in events)
        {
            if (streamEvent.TryPickStart(out var start))
            {
                var startUsage = start.Message.Usage;
                usage = new UsageInfo(startUsage.InputTokens, startUsage.OutputTokens,
                    startUsage.CacheReadInputTokens ?? 0, startUsage.CacheCreationInputTokens ?? 0);
            }
            else if (streamEvent.TryPickContentBlockStart(out var blockStart) && blockStart.ContentBlock.TryPickToolUse(out var toolUse))
            {
                toolCalls.Start(blockStart.Index, toolUse.ID, toolUse.Name);
            }
            else if (streamEvent.TryPickContentBlockDelta(out var blockDelta))
            {
                if (blockDelta.Delta.TryPickText(out var text) && !string.IsNullOrEmpty(text.Text))
                    yield return new TextDelta(text.Text);
                else if (blockDelta.Delta.TryPickThinking(out var thinking) && !string.IsNullOrEmpty(thinking.Thinking))
                    yield return new ThinkingDelta(thinking.Thinking);
                else if (blockDelta.Delta.TryPickInputJson(out var json))
                    toolCalls.Append(blockDelta.Index, json.PartialJson);
            }
            else if (streamEvent.TryPickDelta(out var messageDelta))
            {
                stopReason = messageDelta.Delta.StopReason?.Raw() ?? stopReason;
                // message_delta usage is cumulative: it replaces what message_start announced.
                var final = messageDelta.Usage;
                usage = new UsageInfo(final.InputTokens ?? usage.Input, final.OutputTokens,
                    final.CacheReadInputTokens ?? usage.CacheRead, final.CacheCreationInputTokens ?? usage.CacheWrite);
            }
            else if (streamEvent.TryPickStop(out _))
            {
                stopped = true;
            }
        }

        // A stream cut short (connection closed before message_stop) must not pass for a complete answer.
        if (!stopped)
            throw new ModelCallException(ModelErrorKind.Unavailable, $"{_provider.Id}/{request.Model}: the stream ended before the response was complete");

        if (stopReason == "refusal")
            throw new ModelCallException(ModelErrorKind.Refusal, $"{_provider.Id}/{request.Model}: the model refused to answer");
        foreach (var call in toolCalls.Complete(request.Model))
            yield return call;
        yield return new UsageReported(usage);
        yield return new ResponseCompleted(MapStopReason(stopReason, toolCalls));
    }

    private static string MapStopReason(string? stopReason, ToolCallAccumulator toolCalls) => stopReason switch
    {
        "tool_use" => "toolUse",
        "max_tokens" or "model_context_window_exceeded" => "length",
        "end_turn" or "stop_sequence" or "pause_turn" => "stop",
        _ => toolCalls.IsEmpty ? "stop" : "toolUse",
    };

    /// <summary>The SDK appends <c>/v1/messages</c>; accept a base URL written with <c>/v1</c> as well.</summary>
    private static string HostRoot(string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(baseUrl))
            return ProviderDefaults.AnthropicBaseUrl;
        var trimmed = baseUrl.TrimEnd('/');
        return trimmed.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? trimmed[..^3] : trimmed;
    }
}
