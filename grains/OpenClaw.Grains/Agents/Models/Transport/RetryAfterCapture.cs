using System.Globalization;

namespace OpenClaw.Grains.Agents.Models.Transport;

/// <summary>
/// Carries a provider's <c>Retry-After</c> from the HTTP layer to the code that classifies the error. The SDKs
/// turn error responses into exceptions without their headers (Anthropic) or behind the raw response (OpenAI), so
/// the shared HTTP handler writes the value into a slot opened by the call, flowing with the async context.
/// </summary>
public sealed class RetryAfterCapture
{
    private readonly AsyncLocal<Slot?> _current = new();

    /// <summary>Opens a slot for the model call running in this async flow.</summary>
    public Slot Begin()
    {
        var slot = new Slot();
        _current.Value = slot;
        return slot;
    }

    internal void Record(HttpResponseMessage response, DateTimeOffset now)
    {
        if (_current.Value is { } slot && Parse(response, now) is { } delay)
            slot.RetryAfter = delay;
    }

    /// <summary><c>retry-after-ms</c> (OpenAI), else <c>Retry-After</c> as seconds or an HTTP date.</summary>
    internal static TimeSpan? Parse(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var msValues)
            && double.TryParse(msValues.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            return TimeSpan.FromMilliseconds(ms);
        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }

    public sealed class Slot
    {
        public TimeSpan? RetryAfter { get; internal set; }
    }
}

/// <summary>Records <c>Retry-After</c> of failed responses into the current <see cref="RetryAfterCapture"/> slot.</summary>
internal sealed class RetryAfterHandler(RetryAfterCapture capture, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            capture.Record(response, time.GetUtcNow());
        return response;
    }
}
