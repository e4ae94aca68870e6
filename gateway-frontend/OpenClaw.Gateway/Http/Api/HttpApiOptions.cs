using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>Timings of the HTTP API (sessions, agent runs, OpenAI-compatible routes).</summary>
public sealed class HttpApiOptions
{
    /// <summary>How often an idle history event stream sends a <c>: keepalive</c> comment, so proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a request waits for a run when neither the request nor <c>agents.defaults.timeoutSeconds</c> says;
    /// the run's own timeout (in the session grain) normally ends it first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DefaultRunTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Added to the run timeout before the gateway stops waiting, so the grain reports the timeout itself.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RunTimeoutGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline of the abort call sent when a client disconnects mid-run.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AbortTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
