using OpenClaw.Grains.Transcripts;

namespace Microsoft.Extensions.DependencyInjection;

public static class TranscriptStoreServiceCollectionExtensions
{
    /// <summary>Sets <see cref="TranscriptStoreOptions.FlushToDisk"/> from OPENCLAW_FSYNC: "0", "false", "off" or "no" turn fsync off.</summary>
    public static IServiceCollection AddTranscriptDurability(this IServiceCollection services, string? fsyncSetting)
    {
        var flushToDisk = fsyncSetting?.Trim().ToLowerInvariant() is not ("0" or "false" or "off" or "no");
        services.Configure<TranscriptStoreOptions>(o => o.FlushToDisk = flushToDisk);
        return services;
    }
}
