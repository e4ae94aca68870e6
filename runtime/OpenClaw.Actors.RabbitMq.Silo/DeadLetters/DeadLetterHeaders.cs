using System.Text;
using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Silo.DeadLetters;

/// <summary>Reads what the broker wrote into a dead-lettered message's headers (<c>x-first-death-*</c>, <c>x-death</c>).</summary>
internal static class DeadLetterHeaders
{
    public static string? SourceQueue(IReadOnlyBasicProperties properties) =>
        Text(Header(properties, "x-first-death-queue")) ?? Text(FirstDeath(properties, "queue"));

    public static string? Reason(IReadOnlyBasicProperties properties) =>
        Text(Header(properties, "x-first-death-reason")) ?? Text(FirstDeath(properties, "reason"));

    public static DateTimeOffset? DeadLetteredAt(IReadOnlyBasicProperties properties) =>
        FirstDeath(properties, "time") is AmqpTimestamp time ? DateTimeOffset.FromUnixTimeSeconds(time.UnixTime) : null;

    /// <summary>The headers to publish a re-driven copy with: the broker's own bookkeeping of the earlier life is dropped.</summary>
    public static Dictionary<string, object?>? ForRedrive(IReadOnlyBasicProperties properties)
    {
        if (properties.Headers is not { } headers) return null;
        return headers.Where(h => h.Key is not ("x-delivery-count" or "x-death" or "x-first-death-queue" or "x-first-death-reason"
                or "x-first-death-exchange" or "x-last-death-queue" or "x-last-death-reason" or "x-last-death-exchange"))
            .ToDictionary(h => h.Key, h => h.Value);
    }

    private static object? Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers is { } headers && headers.TryGetValue(name, out var value) ? value : null;

    private static object? FirstDeath(IReadOnlyBasicProperties properties, string field) =>
        Header(properties, "x-death") is IList<object> { Count: > 0 } deaths && deaths[^1] is IDictionary<string, object?> first
            && first.TryGetValue(field, out var value) ? value : null;

    private static string? Text(object? value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        _ => null,
    };
}
