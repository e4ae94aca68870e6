using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors;
using OpenClaw.Actors.Streams;
using OpenClaw.Configuration;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>Starts agent runs for HTTP routes: subscribe to the session's events, then send the message (Origin Http).</summary>
internal sealed class HttpAgentRuns(
    IClusterClient cluster,
    IOpenClawConfigSource config,
    IOptions<HttpApiOptions> options,
    TimeProvider time,
    ILogger<HttpAgentRuns> logger)
{
    private readonly HttpApiOptions _options = options.Value;

    /// <summary>
    /// Sends the message and returns the run to wait on. Grain refusals (<see cref="DomainException"/>, e.g. BUSY)
    /// propagate; the subscription is released on failure.
    /// </summary>
    public async Task<HttpRun> StartAsync(AgentRunStart start, CancellationToken cancellationToken)
    {
        var session = cluster.GetGrain<IChatSessionGrain>(start.SessionKey);
        var run = new HttpRun(start.SessionKey, start.IdempotencyKey, session, WaitLimit(start.TimeoutMs), time, _options, logger);
        try
        {
            var stream = cluster.GetStreamProvider(StreamProviderNames.Default)
                .GetStream<SessionStreamEvent>(SessionStreams.Events(start.SessionKey));
            await run.AttachAsync(stream).ConfigureAwait(false);
            var accepted = await session.SendAsync(new SendMessage
            {
                Text = start.Text,
                IdempotencyKey = start.IdempotencyKey,
                Origin = MessageOrigin.Http,
                TimeoutMs = start.TimeoutMs,
                Model = start.Model,
                ExtraSystemPrompt = start.ExtraSystemPrompt,
                Images = start.Images,
                ClientTools = start.ClientTools,
                MessageChannel = start.MessageChannel,
            }, cancellationToken).ConfigureAwait(false);
            await run.AcceptedAsync(accepted, cancellationToken).ConfigureAwait(false);
            return run;
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private TimeSpan WaitLimit(int? timeoutMs)
    {
        var runTimeout = timeoutMs is > 0 ? TimeSpan.FromMilliseconds(timeoutMs.Value)
            : config.Current.Config.Agents.Defaults.TimeoutSeconds is > 0 and var seconds ? TimeSpan.FromSeconds(seconds)
            : _options.DefaultRunTimeout;
        return runTimeout + _options.RunTimeoutGrace;
    }
}
