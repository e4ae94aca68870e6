using System.Text;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary>One server-sent event: its <c>event</c> name (null when the field was absent) and joined <c>data</c>.</summary>
public sealed record SseEvent(string? Event, string Data);

/// <summary>
/// A reader of the text/event-stream format as the WHATWG spec defines it: fields <c>event</c> and <c>data</c>
/// (multi-line data joined with \n), a blank line dispatches, <c>:</c> lines are comments (counted, not returned),
/// one optional space after the colon. Every read is bounded by the caller's timeout.
/// </summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    public int Comments { get; private set; }

    /// <summary>The last <c>retry:</c> field seen (the server's reconnection delay in ms), or null.</summary>
    public string? Retry { get; private set; }

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async Task<SseEvent?> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? eventName = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token);
            if (line is null) return data.Count > 0 ? new SseEvent(eventName, string.Join('\n', data)) : null;
            if (line.Length == 0)
            {
                if (data.Count > 0) return new SseEvent(eventName, string.Join('\n', data));
                eventName = null;
                continue;
            }

            if (line[0] == ':')
            {
                Comments++;
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            if (field == "event") eventName = value;
            else if (field == "data") data.Add(value);
            else if (field == "retry") Retry = value;
        }
    }

    /// <summary>All events until the stream ends.</summary>
    public async Task<List<SseEvent>> ReadToEndAsync(TimeSpan timeout)
    {
        var events = new List<SseEvent>();
        using var deadline = new CancellationTokenSource(timeout);
        while (await NextAsync(timeout).WaitAsync(deadline.Token) is { } next) events.Add(next);
        return events;
    }

    public void Dispose() => _reader.Dispose();
}
