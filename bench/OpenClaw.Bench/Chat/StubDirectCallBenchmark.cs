using System.Diagnostics;
using System.Text;
using OpenClaw.Bench.Measuring;

namespace OpenClaw.Bench.Chat;

/// <summary>Sequential streaming <c>POST /v1/chat/completions</c> calls from the bench straight to the stub, read to
/// the end: the stub's own share of a chat run, subtracted to get the gateway's overhead.</summary>
internal sealed class StubDirectCallBenchmark(string stubBaseUrl, int calls, TimeSpan timeLimit)
{
    private const string Body =
        "{\"model\":\"" + StubGatewayConfig.ModelId + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + ChatSendFrame.Message + "\"}]}";

    public async Task<LatencySummary> RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var uri = new Uri(stubBaseUrl + "/chat/completions");
        var warmUp = Math.Min(calls, 20);
        for (var i = 0; i < warmUp; i++)
            await CallAsync(http, uri, cancellationToken);

        var budget = new WorkBudget(calls, Deadline.After(timeLimit));
        var latencies = new LatencyRecorder(calls);
        while (budget.TryTake())
        {
            var started = Stopwatch.GetTimestamp();
            await CallAsync(http, uri, cancellationToken);
            latencies.Record(Stopwatch.GetTimestamp() - started);
        }
        return latencies.Summarize();
    }

    private static async Task CallAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        using var content = new StringContent(Body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(uri, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!text.Contains("[DONE]", StringComparison.Ordinal))
            throw new InvalidOperationException("The stub's stream did not end with [DONE].");
    }
}
