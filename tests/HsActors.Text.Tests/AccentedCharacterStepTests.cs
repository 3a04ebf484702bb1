using HsActors.Text.Steps;

namespace HsActors.Text.Tests;

public sealed class AccentedCharacterStepTests
{
    private readonly AccentedCharacterStep _step = new();

    [Theory]
    [InlineData("PVC¿APRON BAIK & BARU", "PVCAPRON BAIK & BARU")]                             // paper, Figure 2
    [InlineData("HAND BAGS WOMEN K-8195¿ BAIK & BARU", "HAND BAGS WOMEN K-8195 BAIK & BARU")] // paper, Figure 2
    public void Removes_the_papers_garbled_characters(string before, string after) =>
        Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("CAFÉ CRÈME BRÛLÉE", "CAFE CREME BRULEE")]
    [InlineData("pâté façade naïve", "pate facade naive")]
    [InlineData("straße ÆON ØRE", "strasse AEON ORE")]
    [InlineData("ＡＢＣ１２", "ABC12")]                 // fullwidth forms
    [InlineData("ﬁlter", "filter")]                    // ligature
    [InlineData("Tiếng Việt", "Tieng Viet")]            // stacked diacritics
    [InlineData("SIZE 2×28", "SIZE 2x28")]              // multiplication sign in dimensions
    [InlineData("T–EAGLE “PRO”", "T-EAGLE \"PRO\"")]    // typographic dash and quotes
    [InlineData("A\u00A0B\u3000C", "A B C")]            // non-ASCII spaces stay word breaks
    public void Folds_letters_to_ascii(string before, string after) =>
        Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("BRAND™ ®©", "BRAND ")]
    [InlineData("玩具 TOY", " TOY")]
    [InlineData("BAG 👜 BAG", "BAG  BAG")]
    [InlineData("¿¿¿", "")]
    public void Drops_other_non_ascii(string before, string after) =>
        Assert.Equal(after, _step.Apply(before));

    [Fact]
    public void Ascii_text_is_returned_unchanged_without_copying()
    {
        const string text = "BRASS BUSS KD: BAIK / BARU 123";
        Assert.Same(text, _step.Apply(text));
        Assert.Same(string.Empty, _step.Apply(string.Empty));
    }

    [Fact]
    public void Very_long_input_is_folded_completely()
    {
        var text = string.Concat(Enumerable.Repeat("ÉTÉ ¿ ", 20_000));
        var result = _step.Apply(text);
        Assert.Equal(string.Concat(Enumerable.Repeat("ETE  ", 20_000)), result);
    }

    [Fact]
    public void Null_is_rejected() => Assert.Throws<ArgumentNullException>(() => _step.Apply(null!));
}
