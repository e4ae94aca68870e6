namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>The options of one provider with its broker URI and prefix resolved (from the transport options when unset).</summary>
internal sealed record StreamProviderSettings(string Uri, string Prefix, RabbitMqStreamOptions Options);
