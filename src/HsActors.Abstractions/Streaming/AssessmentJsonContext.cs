using System.Text.Json.Serialization;

namespace HsActors.Abstractions.Streaming;

// Source-generated so that encoding an assessment on the append path does no reflection.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AssessmentRecord))]
internal sealed partial class AssessmentJsonContext : JsonSerializerContext;
