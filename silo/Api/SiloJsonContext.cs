using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HsActors.Contracts;
using HsActors.Contracts.Models;

namespace HsActors.Silo.Api;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClassifyRequest))]
[JsonSerializable(typeof(BatchClassifyRequest))]
[JsonSerializable(typeof(ClassifyResponse))]
[JsonSerializable(typeof(BatchClassifyResponse))]
[JsonSerializable(typeof(NomenclatureItem))]
[JsonSerializable(typeof(ImporterSummary))]
[JsonSerializable(typeof(DeclaredCodeSummary))]
[JsonSerializable(typeof(ChapterMap))]
[JsonSerializable(typeof(ApiSession))]
[JsonSerializable(typeof(AssessmentRequest))]
[JsonSerializable(typeof(BatchAssessmentRequest))]
[JsonSerializable(typeof(AssessmentAccepted))]
[JsonSerializable(typeof(BatchAssessmentResponse))]
[JsonSerializable(typeof(AuditPage))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ModelChapterList))]
[JsonSerializable(typeof(ModelChapterDetail))]
[JsonSerializable(typeof(ModelChapterSummary))]
[JsonSerializable(typeof(ModelPointerRequest))]
[JsonSerializable(typeof(RetrainRequestAccepted))]
internal sealed partial class SiloJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The wire contracts with <c>required</c> relaxed: a missing description then reaches validation and is reported
    /// by field name, like a blank one, instead of failing deserialization as a whole.
    /// </summary>
    public static JsonSerializerOptions Requests => RequestOptions.Value;

    // Lazy: static initialisers of a partial class run in no defined order relative to the generated Default.
    private static readonly Lazy<JsonSerializerOptions> RequestOptions = new(CreateRequestOptions);

    private static JsonSerializerOptions CreateRequestOptions() => new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = Default.WithAddedModifier(static type =>
        {
            foreach (var property in type.Properties)
            {
                property.IsRequired = false;
            }
        }),
    };

    public static JsonTypeInfo<T> RequestType<T>() => (JsonTypeInfo<T>)Requests.GetTypeInfo(typeof(T));
}
