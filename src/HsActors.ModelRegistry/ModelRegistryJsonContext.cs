using System.Text.Json.Serialization;
using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry;

// Indented: manifests and pointers are documents administrators read with ordinary tools.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    UseStringEnumConverter = true,
    Converters = [typeof(TrainingSummaryValueJsonConverter)])]
[JsonSerializable(typeof(ModelVersionManifest))]
[JsonSerializable(typeof(ChapterPointer))]
internal sealed partial class ModelRegistryJsonContext : JsonSerializerContext;
