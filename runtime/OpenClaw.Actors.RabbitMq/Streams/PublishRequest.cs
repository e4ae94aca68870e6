using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// One item on its way to the broker. <see cref="Completion"/> ends when the broker confirmed it, or with the reason it
/// was not; the publisher abandons it (completes it first) when its time is up, and the channel writer then skips it.
/// </summary>
internal sealed class PublishRequest(StreamId streamId, string routingKey, BasicProperties properties, byte[] body)
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamId StreamId { get; } = streamId;
    public string RoutingKey { get; } = routingKey;
    public BasicProperties Properties { get; } = properties;
    public byte[] Body { get; } = body;
    public Task Completion => _completion.Task;
    public bool IsDone => _completion.Task.IsCompleted;

    public void Confirm() => _completion.TrySetResult();

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Abandon() => _completion.TrySetCanceled();
}
