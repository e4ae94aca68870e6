namespace OpenClaw.Gateway.Protocol.Http;

/// <summary>An OpenResponses <c>response</c> object. <see cref="Status"/>: in_progress, completed, incomplete or failed.</summary>
public sealed record ResponseObject
{
    public required string Id { get; init; }
    public string Object { get; init; } = "response";
    public required long CreatedAt { get; init; }
    public required string Status { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<ResponseOutputItem> Output { get; init; }
    public ResponseUsage? Usage { get; init; }
    public ResponseError? Error { get; init; }
}

/// <summary>
/// An output item: an assistant <c>message</c> (<see cref="Role"/>, <see cref="Content"/>) or a <c>function_call</c>
/// of a client tool (<see cref="CallId"/>, <see cref="Name"/>, <see cref="Arguments"/>; no role or content).
/// </summary>
public sealed record ResponseOutputItem
{
    public string Type { get; init; } = "message";
    public required string Id { get; init; }
    public required string Status { get; init; }
    public string? Role { get; init; } = "assistant";
    public IReadOnlyList<ResponseOutputText>? Content { get; init; }
    public string? CallId { get; init; }
    public string? Name { get; init; }
    public string? Arguments { get; init; }

    public static ResponseOutputItem FunctionCall(string id, string callId, string name, string arguments, string status) => new()
    {
        Type = "function_call",
        Id = id,
        Status = status,
        Role = null,
        CallId = callId,
        Name = name,
        Arguments = arguments,
    };
}

public sealed record ResponseOutputText(string Text)
{
    public string Type { get; init; } = "output_text";
    public IReadOnlyList<string> Annotations { get; init; } = [];
}

public sealed record ResponseUsage(long InputTokens, long OutputTokens, long TotalTokens);

public sealed record ResponseError(string Code, string Message);

/// <summary>
/// One SSE event of a streamed response (<c>event: &lt;Type&gt;</c>); which of the optional fields are set depends on
/// <see cref="Type"/>, as in OpenAI's stream.
/// </summary>
public sealed record ResponseStreamEvent(string Type, long SequenceNumber)
{
    public ResponseObject? Response { get; init; }
    public int? OutputIndex { get; init; }
    public int? ContentIndex { get; init; }
    public string? ItemId { get; init; }
    public ResponseOutputItem? Item { get; init; }
    public ResponseOutputText? Part { get; init; }
    public string? Delta { get; init; }
    public string? Text { get; init; }
}
