using HsActors.Text.Steps;

namespace HsActors.Text.Tests;

public sealed class PunctuationStepTests
{
    private readonly PunctuationStep _step = new();

    [Theory]
    [InlineData("BRASS BUSS KD: BAIK / BARU", "BRASS BUSS KD BAIK BARU")]   // paper, Figure 2
    [InlineData("TELESCOPE T-EAGLE SR 2X28", "TELESCOPE T EAGLE SR 2X28")] // paper, Figure 2
    public void Matches_the_paper(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("PVCAPRON BAIK & BARU", "PVCAPRON BAIK BARU")]
    [InlineData("MEN'S SHOES", "MENS SHOES")]                  // apostrophe inside a word joins
    [InlineData("'QUOTED' TEXT", "QUOTED TEXT")]
    [InlineData("(NEW)", "NEW")]                               // nothing added at the ends
    [InlineData("A,B;C.D", "A B C D")]
    [InlineData("SIZE 1.5MM", "SIZE 1 5MM")]
    [InlineData("A  B", "A  B")]                               // whitespace alone is the whitespace step's job
    [InlineData("A -- B", "A B")]
    [InlineData("MAINAN ANAK-ANAK", "MAINAN ANAK ANAK")]
    [InlineData("CAFÉ-CRÈME", "CAFÉ CRÈME")]                   // non-ASCII letters are not punctuation
    [InlineData("A¿B", "A B")]                                  // when the accent step is off, garbage still separates
    public void Turns_punctuation_into_word_breaks(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("")]
    [InlineData("!@#$%^&*()_+-=[]{};':\",./<>?\\|`~")]
    [InlineData(" ... ")]
    public void All_punctuation_leaves_nothing(string text) => Assert.Equal("", _step.Apply(text).Trim());

    [Fact]
    public void Text_without_punctuation_is_returned_unchanged()
    {
        const string text = "CLUTCH DISC KD BAIK BARU 123";
        Assert.Same(text, _step.Apply(text));
    }

    [Fact]
    public void Very_long_input_keeps_every_word()
    {
        var text = string.Join("/", Enumerable.Repeat("WORD", 50_000));
        var result = _step.Apply(text);
        Assert.Equal(50_000, result.Split(' ').Length);
        Assert.DoesNotContain('/', result);
    }

    [Fact]
    public void Null_is_rejected() => Assert.Throws<ArgumentNullException>(() => _step.Apply(null!));
}
