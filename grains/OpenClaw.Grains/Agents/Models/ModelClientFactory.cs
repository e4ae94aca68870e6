using OpenClaw.Configuration.Model;
using OpenClaw.Grains.Agents.Models.Anthropic;
using OpenClaw.Grains.Agents.Models.OpenAi;
using OpenClaw.Grains.Agents.Models.Transport;

namespace OpenClaw.Grains.Agents.Models;

/// <summary>Builds the client for one <c>models.providers.&lt;id&gt;</c> entry, by its <c>api</c>.</summary>
public sealed class ModelClientFactory(ModelHttpTransport transport, TimeProvider time)
{
    public IModelClient Create(ModelProviderConfig provider)
    {
        IModelClient client = ApiOf(provider) switch
        {
            ModelApis.OpenAiCompletions => new OpenAiModelClient(provider, transport),
            ModelApis.AnthropicMessages => new AnthropicModelClient(provider, transport),
            var api => throw new ModelCallException(ModelErrorKind.BadRequest,
                $"models.providers.{provider.Id}.api is \"{api}\", which this gateway does not speak; use one of: {string.Join(", ", ModelApis.Supported)}"),
        };
        return new IdleTimeoutModelClient(client, provider.Id, ProviderDefaults.TimeoutOf(provider), time);
    }

    /// <summary>An entry without <c>api</c> is taken as OpenAI-compatible, except the provider named <c>anthropic</c>.</summary>
    public static string ApiOf(ModelProviderConfig provider) =>
        provider.Api ?? (string.Equals(provider.Id, "anthropic", StringComparison.OrdinalIgnoreCase) ? ModelApis.AnthropicMessages : ModelApis.OpenAiCompletions);
}
