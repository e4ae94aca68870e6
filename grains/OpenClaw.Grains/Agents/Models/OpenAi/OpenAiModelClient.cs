using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using OpenAI;
using OpenAI.Chat;
using OpenClaw.Configuration.Model;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Models.Transport;

namespace OpenClaw.Grains.Agents.Models.OpenAi;

/// <summary>
/// An <c>openai-completions</c> provider (OpenAI or any compatible server: Ollama, vLLM, LM Studio) through the
/// official SDK's streaming chat completions. The SDK's own retries are off: the router owns retry policy.
/// </summary>
public sealed class OpenAiModelClient : IModelClient
{
    // Local servers take no key, but the SDK insists on a non-empty credential.
    private const string PlaceholderKey = "no-key";

    private readonly OpenAIClient _client;
    private readonly RetryAfterCapture _retryAfter;
    private readonly string _providerId;

    public OpenAiModelClient(ModelProviderConfig provider, ModelHttpTransport transport)
    {
        _providerId = provider.Id;
        _retryAfter = transport.Capture;
        var options = new OpenAIClientOptions
        {
            // The SDK appends /chat/completions: the base URL carries the /v1 (as in OpenClaw's config).
            Endpoint = new Uri(string.IsNullOrWhiteSpace(provider.BaseUrl) ? ProviderDefaults.OpenAiBaseUrl : provider.BaseUrl),
            Transport = new HttpClientPipelineTransport(transport.Client),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = ProviderDefaults.TimeoutOf(provider),
        };
        _client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(provider.ApiKey) ? PlaceholderKey : provider.ApiKey), options);
    }

    public async IAsyncEnumerable<ModelStreamUpdate> StreamAsync(ModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chat = _client.GetChatClient(request.Model);
        var messages = OpenAiMessageMapper.ToMessages(request);
        var options = OpenAiMessageMapper.ToOptions(request);
        var retryAfter = _retryAfter.Begin();
        var toolCalls = new ToolCallAccumulator();
        ChatFinishReason? finishReason = null;
        ChatTokenUsage? usage = null;
        var refused = false;

        var updates = ModelStreamGuard.TranslateErrors(
            () => chat.CompleteChatStreamingAsync(messages, options, cancellationToken),
            exception => OpenAiErrors.Translate(exception, _providerId, request.Model, retryAfter.RetryAfter),
            cancellationToken);
        await foreach (var update in updates)
        {
            foreach (var part in update.ContentUpdate)
            {
                if (part.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
                    yield return new TextDelta(part.Text);
            }
            foreach (var call in update.ToolCallUpdates)
            {
                toolCalls.Start(call.Index, call.ToolCallId, call.FunctionName);
                toolCalls.Append(call.Index, call.FunctionArgumentsUpdate?.ToString());
            }
            refused |= !string.IsNullOrEmpty(update.RefusalUpdate);
            finishReason ??= update.FinishReason;
            usage ??= update.Usage;
        }

        // A stream cut short (connection closed without a finish reason) must not pass for a complete answer.
        if (finishReason is null)
            throw new ModelCallException(ModelErrorKind.Unavailable, $"{_providerId}/{request.Model}: the stream ended before the response was complete");
        if (refused || finishReason == ChatFinishReason.ContentFilter)
            throw new ModelCallException(ModelErrorKind.Refusal, $"{_providerId}/{request.Model}: the model refused to answer (content filter)");
        foreach (var call in toolCalls.Complete(request.Model))
            yield return call;
        if (usage is not null)
            yield return new UsageReported(ToUsage(usage));
        yield return new ResponseCompleted(StopReason(finishReason, toolCalls));
    }

    /// <summary>OpenClaw counts cached prompt tokens apart from fresh input.</summary>
    private static UsageInfo ToUsage(ChatTokenUsage usage)
    {
        var cached = usage.InputTokenDetails?.CachedTokenCount ?? 0;
        return new UsageInfo(usage.InputTokenCount - cached, usage.OutputTokenCount, CacheRead: cached);
    }

    private static string StopReason(ChatFinishReason? finishReason, ToolCallAccumulator toolCalls) => finishReason switch
    {
        ChatFinishReason.ToolCalls or ChatFinishReason.FunctionCall => "toolUse",
        ChatFinishReason.Length => "length",
        ChatFinishReason.Stop => "stop",
        _ => toolCalls.IsEmpty ? "stop" : "toolUse",
    };
}
