using System.Text.Json;
using System.Text.Json.Serialization;
using HsActors.Contracts;

namespace HsActors.Client;

/// <summary>Source-generated (reflection-free) JSON for the wire records, with the service's web defaults (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ClassifyRequest))]
[JsonSerializable(typeof(ClassifyResponse))]
[JsonSerializable(typeof(BatchClassifyRequest))]
[JsonSerializable(typeof(BatchClassifyResponse))]
[JsonSerializable(typeof(NomenclatureItem))]
[JsonSerializable(typeof(ImporterSummary))]
internal sealed partial class HsActorsJsonContext : JsonSerializerContext;
