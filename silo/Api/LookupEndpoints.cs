using HsActors.Abstractions.Grains;
using HsActors.Contracts;
using HsActors.Nomenclature;
using HsActors.Silo.Security;

namespace HsActors.Silo.Api;

/// <summary>GET /v1/nomenclature/{code}, /v1/codes/{code}/stats and /v1/importers/{id}/stats: what an officer looks up beside a line.</summary>
internal static class LookupEndpoints
{
    public static void MapLookupEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/nomenclature/{code}", GetNomenclature)
            .RequireAuthorization(ApiRoles.ReadPolicy)
            .WithName("GetNomenclature")
            .WithSummary("A code's bilingual description and its parents (chapter first).")
            .Produces<NomenclatureItem>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/codes/{code}/stats", GetDeclaredCodeStatisticsAsync)
            .RequireAuthorization(ApiRoles.ReadPolicy)
            .WithName("GetDeclaredCodeStatistics")
            .WithSummary("Who declares a code: importers, agents and origin countries, most frequent first (zero counts when nobody has).")
            .Produces<DeclaredCodeSummary>()
            .ProducesValidationProblem();
        v1.MapGet("/importers/{id}/stats", GetImporterStatisticsAsync)
            .RequireAuthorization(ApiRoles.ReadPolicy)
            .WithName("GetImporterStatistics")
            .WithSummary("What an importer declared before: codes, chapters, origins, agents, counts, last seen.")
            .Produces<ImporterSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private const string CodeFieldRule =
        "code must be an HS code of 2, 4, 6, 8 or 10 digits (10 digits are read at their 8-digit national line, as assessments are); dots and spaces are allowed (8714.10.90).";

    private static IResult CodeProblem() => Problems.Validation(new Dictionary<string, string[]> { ["code"] = [CodeFieldRule] });

    private static IResult GetNomenclature(string code)
    {
        if (!HsCode.TryParse(code, out var given))
        {
            return CodeProblem();
        }
        var parsed = given.AtMostNationalLine();
        var nomenclature = HsNomenclature.Bundled;
        if (!nomenclature.TryGet(parsed, out var entry))
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Unknown code", $"{parsed} is not in the HS 2022 / BTKI 2022 nomenclature.");
        }
        var parents = nomenclature.Ancestors(parsed).Select(a => Item(nomenclature, a, [])).ToArray();
        return TypedResults.Json(Item(nomenclature, entry, parents), SiloJsonContext.Default.NomenclatureItem);
    }

    private static NomenclatureItem Item(HsNomenclature nomenclature, NomenclatureEntry entry, IReadOnlyList<NomenclatureItem> parents) =>
        new(entry.Code.Digits, entry.Code.Level, entry.DescriptionEn, entry.DescriptionId, nomenclature.ReadableLabelEn(entry.Code), parents);

    private static async Task<IResult> GetDeclaredCodeStatisticsAsync(string code, IGrainFactory grains)
    {
        if (!HsCode.TryParse(code, out var given))
        {
            return CodeProblem();
        }
        // Declared codes are counted as the declared-code check normalises them: digits, at most the national line.
        var statistics = await grains.GetGrain<IDeclaredCodeGrain>(given.AtMostNationalLine().Digits).GetStatisticsAsync();
        return TypedResults.Json(statistics.ToSummary(), SiloJsonContext.Default.DeclaredCodeSummary);
    }

    private static async Task<IResult> GetImporterStatisticsAsync(string id, HttpContext context, IGrainFactory grains)
    {
        id = ImporterIdSegment.Read(context) ?? id;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RequestFields.Identifier(id, "id", errors, required: true);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var statistics = await grains.GetGrain<IImporterGrain>(id).GetStatisticsAsync();
        return statistics.IsEmpty
            ? Problems.Status(StatusCodes.Status404NotFound, "Unknown importer", $"No declaration of importer '{id}' has been recorded.")
            : TypedResults.Json(statistics.ToSummary(10), SiloJsonContext.Default.ImporterSummary);
    }
}
