using System.Text.Json.Serialization;
using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry;

// Indented: manifests and pointers are documents administrators read with ordinary tools, and may repair by hand: a
// null where the type has none (a hand-edited "createdBy": null) fails decoding here, as a corrupted document, rather
// than as a NullReferenceException wherever the member is read later.
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    UseStringEnumConverter = true,
    Converters = [typeof(TrainingSummaryValueJsonConverter)])]
[JsonSerializable(typeof(ModelVersionManifest))]
[JsonSerializable(typeof(ChapterPointer))]
internal sealed partial class ModelRegistryJsonContext : JsonSerializerContext;
