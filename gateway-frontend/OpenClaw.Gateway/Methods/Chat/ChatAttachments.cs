using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Methods.Chat;

/// <summary>
/// Attachments of <c>chat.send</c>/<c>agent</c> as image parts for the model. Only images are supported; anything
/// else is refused rather than silently dropped, so the caller knows the model never saw it.
/// </summary>
internal static class ChatAttachments
{
    public static IReadOnlyList<ImagePart> ToImages(IReadOnlyList<ChatAttachment>? attachments)
    {
        if (attachments is null or { Count: 0 })
        {
            return [];
        }

        var images = new List<ImagePart>(attachments.Count);
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            var (mimeType, data) = Split(attachment);
            if (mimeType is null || !mimeType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || data.Length == 0)
            {
                throw new RpcException(ErrorCodes.InvalidRequest, $"attachments[{i}]: only non-empty image attachments (mimeType image/*) are supported");
            }

            images.Add(new ImagePart(data, mimeType));
        }

        return images;
    }

    /// <summary>Base64 content, possibly as a <c>data:&lt;mime&gt;;base64,</c> URL whose type wins over a missing mimeType.</summary>
    private static (string? MimeType, string Data) Split(ChatAttachment attachment)
    {
        const string Marker = ";base64,";
        var content = attachment.Content.Trim();
        if (content.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && content.IndexOf(Marker, StringComparison.OrdinalIgnoreCase) is > 5 and var at)
        {
            return (attachment.MimeType ?? content[5..at], content[(at + Marker.Length)..]);
        }

        return (attachment.MimeType, content);
    }
}
