using System.Text.Json.Serialization;

namespace HsActors.Grains.Statistics;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeltaLogEntry))]
internal sealed partial class ImporterLogJsonContext : JsonSerializerContext;
