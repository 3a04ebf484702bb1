using HsActors.Contracts;
using HsActors.Grains.Serving;
using HsActors.Nomenclature;
using HsActors.Silo.Security;

namespace HsActors.Silo.Api;

/// <summary>GET /v1/map and /v1/map/{chapter}: where chapters and headings sit, for the console's chapter map.</summary>
internal static class MapEndpoints
{
    public static void MapChapterMapEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/map", (ChapterMapProjector maps) => TypedResults.Json(maps.Chapters(), SiloJsonContext.Default.ChapterMap))
            .RequireAuthorization(ApiRoles.ReadPolicy)
            .WithName("GetChapterMap")
            .WithSummary("Every chapter placed in three dimensions by the similarity of the router's weights, with its section.")
            .Produces<ChapterMap>();
        v1.MapGet("/map/{chapter}", GetHeadingsAsync)
            .RequireAuthorization(ApiRoles.ReadPolicy)
            .WithName("GetHeadingMap")
            .WithSummary("One chapter's headings placed by the similarity of the chapter model's weights.")
            .Produces<ChapterMap>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetHeadingsAsync(string chapter, ChapterMapProjector maps)
    {
        if (!HsCode.TryParse(chapter, out var code) || code.Level != 2)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["chapter"] = ["chapter must be two digits, 01 to 99."] });
        }
        return await maps.HeadingsAsync(code) is { } map
            ? TypedResults.Json(map, SiloJsonContext.Default.ChapterMap)
            : Problems.Status(StatusCodes.Status404NotFound, "No chapter model", $"Chapter {chapter} has no model to map.");
    }
}
