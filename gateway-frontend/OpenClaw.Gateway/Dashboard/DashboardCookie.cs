using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using OpenClaw.Gateway.Hosting;

namespace OpenClaw.Gateway.Dashboard;

/// <summary>
/// The dashboard's browser session: an HttpOnly, SameSite=Strict cookie scoped to <c>/dashboard</c> whose value is
/// an HMAC of a fixed label keyed with the gateway secret. It proves the browser once presented the secret without
/// storing the secret in the browser, needs no server-side session table (any front node with the same secret
/// accepts it), and stops working when the secret changes.
/// </summary>
internal sealed class DashboardCookie(GatewaySettings settings)
{
    public const string Name = "openclaw_dashboard";
    private static readonly byte[] Label = "openclaw-dashboard-session-v1"u8.ToArray();

    private readonly byte[]? _expected = Secret(settings) is { Length: > 0 } secret
        ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Label)
        : null;

    public bool IsValid(HttpContext http)
    {
        if (_expected is null || !http.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value)) return false;
        Span<byte> presented = stackalloc byte[64];
        return Convert.TryFromBase64String(ToBase64(value), presented, out var written)
            && CryptographicOperations.FixedTimeEquals(presented[..written], _expected);
    }

    public void Issue(HttpContext http)
    {
        if (_expected is null) return;
        http.Response.Cookies.Append(Name, Base64Url(_expected), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = DashboardRoutes.Page,
            IsEssential = true,
        });
    }

    private static string? Secret(GatewaySettings settings) => settings.AuthMode switch
    {
        GatewayAuthModes.Token => settings.Token,
        GatewayAuthModes.Password => settings.Password,
        _ => null,
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string ToBase64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return (text.Length % 4) switch { 2 => text + "==", 3 => text + "=", _ => text };
    }
}
