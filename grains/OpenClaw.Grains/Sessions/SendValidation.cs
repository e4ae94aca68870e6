using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Sessions;

/// <summary>The rules a <see cref="SendMessage"/> must meet, and the user message it becomes.</summary>
internal static class SendValidation
{
    public const int MaxIdempotencyKeyLength = 256;

    public static void Validate(SendMessage command)
    {
        if (string.IsNullOrWhiteSpace(command.IdempotencyKey) || command.IdempotencyKey.Length > MaxIdempotencyKeyLength)
            throw new DomainException("INVALID_REQUEST", $"idempotencyKey must be 1-{MaxIdempotencyKeyLength} characters");
        if (string.IsNullOrWhiteSpace(command.Text) && command.Images.Count == 0)
            throw new DomainException("INVALID_REQUEST", "message must not be empty");
        if (command.TimeoutMs is <= 0)
            throw new DomainException("INVALID_REQUEST", "timeoutMs must be positive");
    }

    public static ChatMessage UserMessage(SendMessage command, long now) => new()
    {
        Role = ChatRoles.User,
        Content = [new TextPart(command.Text), .. command.Images],
        Timestamp = now,
    };
}
