using System.Globalization;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>ETags are decimal version numbers: "1" for the first write, +1 for each write or clear after it.</summary>
internal static class StateVersions
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? etag, out long version)
        => long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;
}
