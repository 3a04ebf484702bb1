using System.Text.Json.Nodes;
using HsActors.Nomenclature;

namespace HsActors.Silo.Tests;

/// <summary>Assessment bodies and the waits the assessment tests share.</summary>
public static class Assessments
{
    public static readonly DateTimeOffset At = new(2025, 1, 6, 9, 0, 0, TimeSpan.FromHours(7));

    /// <summary>A national line of a chapter: a real code without hard-coding the tariff book.</summary>
    public static string LineOf(string chapter, int skip = 0) =>
        HsNomenclature.Bundled.AtLevel(8).Where(e => e.Code.Chapter.Digits == chapter).Skip(skip).First().Code.Digits;

    public static Dictionary<string, object?> Body(string id, string description, string assessedCode, string? importerId = null, string? declaredCode = null) => new()
    {
        ["assessmentId"] = id,
        ["description"] = description,
        ["assessedCode"] = assessedCode,
        ["declaredCode"] = declaredCode,
        ["officerId"] = TestKeys.OfficerName, // an officer key submits under its own name only
        ["importerId"] = importerId,
        ["assessedAt"] = At,
    };

    /// <summary>Polls the importer's statistics until <paramref name="done"/> holds (the stream consumer works in the background).</summary>
    public static async Task<JsonNode> WaitForStatisticsAsync(HttpClient officer, string importerId, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await officer.GetAsync($"/v1/importers/{Uri.EscapeDataString(importerId)}/stats");
            if (response.IsSuccessStatusCode)
            {
                last = await Json.ReadAsync(response);
                if (done(last))
                {
                    return last;
                }
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Importer {importerId}'s statistics did not reach the expected state; last seen: {last?.ToJsonString() ?? "none"}");
    }
}
