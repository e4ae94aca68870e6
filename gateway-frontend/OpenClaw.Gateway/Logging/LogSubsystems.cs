namespace OpenClaw.Gateway.Logging;

/// <summary>
/// Turns a logger category into openclaw's subsystem name (<c>gateway/ws</c> style): our own categories drop the
/// <c>OpenClaw.</c> prefix and the type name and keep the namespace path; other categories keep their namespace path
/// too (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c> → <c>microsoft/aspnetcore/hosting</c>).
/// </summary>
internal static class LogSubsystems
{
    private const string OwnPrefix = "OpenClaw.";

    public static string FromCategory(string category)
    {
        if (string.IsNullOrWhiteSpace(category))
        {
            return "gateway";
        }

        var name = category.StartsWith(OwnPrefix, StringComparison.Ordinal) ? category[OwnPrefix.Length..] : category;
        var lastDot = name.LastIndexOf('.');
        var namespacePath = lastDot > 0 ? name[..lastDot] : name;
        return namespacePath.Replace('.', '/').ToLowerInvariant();
    }
}
