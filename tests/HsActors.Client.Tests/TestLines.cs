using HsActors.Contracts;

namespace HsActors.Client.Tests;

/// <summary>Lines whose id and description both carry their number, so every answer can be matched to its line.</summary>
internal static class TestLines
{
    public static ClassifyRequest Line(int number, int? top = null) =>
        new() { Id = Id(number), Description = Description(number), Top = top };

    public static string Id(int number) => $"L{number}";

    public static string Description(int number) => $"steel bolt number {number}";

    /// <summary>Asserts that <paramref name="response"/> is the server's echo of line <paramref name="number"/>.</summary>
    public static void AssertAnswers(int number, ClassifyResponse response)
    {
        Assert.Equal(Id(number), response.Id);
        Assert.Equal(Description(number), response.Recommendations[0].DescriptionEn);
    }
}
