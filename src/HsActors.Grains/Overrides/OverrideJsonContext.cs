using System.Text.Json.Serialization;
using HsActors.Abstractions.Overrides;

namespace HsActors.Grains.Overrides;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OfficerOverride))]
internal sealed partial class OverrideJsonContext : JsonSerializerContext;
