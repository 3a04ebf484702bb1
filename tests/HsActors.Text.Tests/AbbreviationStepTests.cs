using HsActors.Text.Steps;

namespace HsActors.Text.Tests;

public sealed class AbbreviationStepTests
{
    private readonly AbbreviationStep _step = new();

    [Fact]
    public void Matches_the_paper() =>
        Assert.Equal("AUTOPARTS DIFFERENT CASE SET", _step.Apply("AUTOPARTS DIFF CASE SET"));

    [Theory]
    [InlineData("BRAKE ASSY", "BRAKE ASSEMBLY")]
    [InlineData("HP ACCS", "HP ACCESSORIES")]
    [InlineData("100 PCS SPAREPART MTR", "100 PIECES SPARE PART METER")]
    [InlineData("BRG BKS", "BARANG BEKAS")]
    [InlineData("SEPATU UTK ANAK", "SEPATU UNTUK ANAK")]
    [InlineData("brake assy", "brake assembly")]        // lower-case words get lower-case expansions
    [InlineData("Brake Assy", "Brake assembly")]
    [InlineData("DONT BEND", "DO NOT BEND")]
    public void Expands_trade_shorthand(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("DIFFERENTIAL CASE")]   // whole words only
    [InlineData("ASSYRIAN RUG")]
    [InlineData("AUTO PARTS KD")]       // ambiguous on purpose
    [InlineData("DIFF.")]               // punctuation is the punctuation step's business
    [InlineData("")]
    public void Leaves_other_words_alone(string text) => Assert.Same(text, _step.Apply(text));

    [Fact]
    public void Keeps_whitespace_between_words() =>
        Assert.Equal("  DIFFERENT\tCASE ", _step.Apply("  DIFF\tCASE "));

    [Fact]
    public void Very_long_input_is_expanded_everywhere()
    {
        var result = _step.Apply(string.Join(' ', Enumerable.Repeat("PCS", 20_000)));
        Assert.Equal(20_000, result.Split(' ').Count(word => word == "PIECES"));
    }

    [Fact]
    public void Null_is_rejected() => Assert.Throws<ArgumentNullException>(() => _step.Apply(null!));
}
