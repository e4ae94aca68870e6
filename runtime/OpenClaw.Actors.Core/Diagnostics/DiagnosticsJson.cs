using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Actors.Diagnostics;

/// <summary>
/// Source-generated JSON (camelCase, nulls written) for the dashboard document and the status beats. Nulls are kept
/// on purpose: a null queue depth or percentile means "not measured", which the page shows as such.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ClusterStatusReport))]
[JsonSerializable(typeof(SiloStatusReport))]
[JsonSerializable(typeof(FrontStatusReport))]
public sealed partial class DiagnosticsJson : JsonSerializerContext;
