using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol.Http;

namespace OpenClaw.Gateway.Http.Responses;

/// <summary>
/// A streamed response: <c>event: &lt;type&gt;</c> + <c>data: &lt;json&gt;</c> for response.created,
/// response.in_progress, output_item.added, content_part.added, output_text.delta…, output_text.done,
/// content_part.done, output_item.done, then, when the run stopped on client tool calls, output_item.added and
/// output_item.done of one <c>function_call</c> item each (output index 1, 2…), then response.completed (or
/// response.failed), then <c>data: [DONE]</c>.
/// </summary>
internal sealed class ResponsesStream
{
    private readonly SseWriter _sse;
    private readonly ResponseIdentity _identity;
    private readonly ClientToolsRequest _tools;
    private long _sequence;

    private ResponsesStream(SseWriter sse, ResponseIdentity identity, ClientToolsRequest tools)
    {
        _sse = sse;
        _identity = identity;
        _tools = tools;
    }

    public static async Task WriteAsync(HttpContext http, HttpRun run, ResponseIdentity identity, ClientToolsRequest tools, CancellationToken cancellationToken)
    {
        var stream = new ResponsesStream(await SseWriter.StartAsync(http, cancellationToken), identity, tools);
        await stream.RunAsync(run, cancellationToken);
    }

    private async Task RunAsync(HttpRun run, CancellationToken cancellationToken)
    {
        var part = new ResponseOutputText("");
        await SendAsync("response.created", e => e with { Response = _identity.InProgress() }, cancellationToken);
        await SendAsync("response.in_progress", e => e with { Response = _identity.InProgress() }, cancellationToken);
        await SendAsync("response.output_item.added", e => e with { OutputIndex = 0, Item = _identity.Message("in_progress", null) }, cancellationToken);
        await SendAsync("response.content_part.added", e => InPart(e) with { Part = part }, cancellationToken);

        while (await run.NextTextAsync(cancellationToken) is { } text)
        {
            await SendAsync("response.output_text.delta", e => InPart(e) with { Delta = text }, cancellationToken);
        }

        var result = await run.WaitForCompletionAsync(cancellationToken);
        var calls = result.PendingToolCalls;
        if (RunOutcome.Succeeded(result))
        {
            var tail = run.Text.Finish(result.ReplyText, calls.Count > 0 ? "" : RunOutcome.EmptyReply);
            if (tail.Length > 0) await SendAsync("response.output_text.delta", e => InPart(e) with { Delta = tail }, cancellationToken);
        }

        var finalText = run.Text.Sent;
        await SendAsync("response.output_text.done", e => InPart(e) with { Text = finalText }, cancellationToken);
        await SendAsync("response.content_part.done", e => InPart(e) with { Part = new ResponseOutputText(finalText) }, cancellationToken);
        var itemStatus = RunOutcome.Succeeded(result) ? "completed" : "incomplete";
        await SendAsync("response.output_item.done", e => e with { OutputIndex = 0, Item = _identity.Message(itemStatus, finalText) }, cancellationToken);
        if (!RunOutcome.Succeeded(result))
        {
            await SendAsync("response.failed", e => e with { Response = _identity.Failed(finalText, RunOutcome.ErrorLine(result)) }, cancellationToken);
        }
        else if (!_tools.IsSatisfiedBy(calls))
        {
            await SendAsync("response.failed", e => e with { Response = _identity.Failed(finalText, _tools.UnsatisfiedMessage) }, cancellationToken);
        }
        else if (calls.Count > 0)
        {
            var added = _identity.FunctionCalls(calls, "in_progress");
            var done = _identity.FunctionCalls(calls, "completed");
            for (var i = 0; i < calls.Count; i++)
            {
                var index = i + 1;
                await SendAsync("response.output_item.added", e => e with { OutputIndex = index, Item = added[index - 1] }, cancellationToken);
                await SendAsync("response.output_item.done", e => e with { OutputIndex = index, Item = done[index - 1] }, cancellationToken);
            }

            var response = _identity.WithToolCalls(null, calls, result.Usage);
            response = response with { Output = [_identity.Message("completed", finalText), .. response.Output] };
            await SendAsync("response.completed", e => e with { Response = response }, cancellationToken);
        }
        else
        {
            await SendAsync("response.completed", e => e with { Response = _identity.Completed(finalText, result.Usage) }, cancellationToken);
        }
        await _sse.DataAsync("[DONE]", cancellationToken);
    }

    private ResponseStreamEvent InPart(ResponseStreamEvent e) => e with { ItemId = _identity.MessageId, OutputIndex = 0, ContentIndex = 0 };

    private Task SendAsync(string type, Func<ResponseStreamEvent, ResponseStreamEvent> shape, CancellationToken cancellationToken)
    {
        var item = shape(new ResponseStreamEvent(type, _sequence++));
        return _sse.EventAsync(type, JsonSerializer.Serialize(item, OpenAiJson.Default.ResponseStreamEvent), cancellationToken);
    }
}
