using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Actors.Serialization;

namespace OpenClaw.Actors.AzureBlob.Reminders;

/// <summary>
/// The JSON content of one shard's reminder blob. <see cref="Version"/> counts the blob's changes and becomes the
/// ETag of each row a change writes, so a row's ETag never repeats, even after it is deleted and created again (the
/// blob itself is never deleted, an empty shard keeps its counter).
/// </summary>
internal sealed record ReminderShardDocument
{
    public static ReminderShardDocument Empty { get; } = new();

    [JsonPropertyName("version")]
    public long Version { get; init; }

    [JsonPropertyName("reminders")]
    public IReadOnlyList<StoredReminder> Reminders { get; init; } = [];

    public IEnumerable<ReminderEntry> Entries => Reminders.Select(row => row.ToEntry());

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, ActorJson.Options);

    /// <summary>Parses a shard blob; <see cref="InvalidDataException"/> when it is damaged (never read as empty: that would drop reminders).</summary>
    public static ReminderShardDocument Parse(byte[] content, string location)
    {
        try
        {
            var document = JsonSerializer.Deserialize<ReminderShardDocument>(content, ActorJson.Options);
            if (document is null || document.Reminders.Any(row => row.Version <= 0 || row.Version > document.Version))
                throw new InvalidDataException("versions are missing or inconsistent");
            foreach (var row in document.Reminders) _ = GrainId.Parse(row.GrainId);
            return document;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or FormatException)
        {
            throw new InvalidDataException($"Reminder shard blob '{location}' is corrupt and was left untouched ({ex.Message}). Repair or remove it.", ex);
        }
    }

    /// <summary>The next version of this document, holding <paramref name="rows"/>.</summary>
    public ReminderShardDocument Next(IEnumerable<StoredReminder> rows) => new() { Version = Version + 1, Reminders = [.. rows] };
}

/// <summary>One reminder row; <see cref="Version"/> is the document version of its last change, its ETag.</summary>
internal sealed record StoredReminder
{
    public required string GrainId { get; init; }
    public required string Name { get; init; }
    public DateTimeOffset FirstTickTime { get; init; }
    public TimeSpan Period { get; init; }
    public DateTimeOffset NextDueTime { get; init; }
    public long Version { get; init; }

    public string ETag => Version.ToString(CultureInfo.InvariantCulture);

    public bool Is(GrainId grainId, string reminderName) => Name == reminderName && GrainId == grainId.ToString();

    public ReminderEntry ToEntry() => new(Actors.GrainId.Parse(GrainId), Name, FirstTickTime, Period, NextDueTime) { ETag = ETag };

    public static StoredReminder From(ReminderEntry entry, long version) => new()
    {
        GrainId = entry.GrainId.ToString(),
        Name = entry.ReminderName,
        FirstTickTime = entry.FirstTickTime,
        Period = entry.Period,
        NextDueTime = entry.NextDueTime,
        Version = version,
    };
}
