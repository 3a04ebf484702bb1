using HsActors.Text.Steps;

namespace HsActors.Text.Tests;

public sealed class IrrelevantCharacterStepTests
{
    private readonly IrrelevantCharacterStep _step = new();

    [Theory]
    [InlineData("TELESCOPE T EAGLE SR 2X28", "TELESCOPE T EAGLE SR X")]                                          // paper
    [InlineData("BAGS 3708263 WITH OUTER SURFACE OF PU POLYESTER", "BAGS WITH OUTER SURFACE OF PU POLYESTER")] // paper
    public void Matches_the_paper(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("HAND BAGS WOMEN K-8195 BAIK & BARU", "HAND BAGS WOMEN K BAIK BARU")]
    [InlineData("10PCS BOLT M8", "PCS BOLT M")]
    [InlineData("ABC123DEF", "ABCDEF")]                 // digits glue, they do not split a word
    [InlineData("12 34 BOX", "BOX")]
    [InlineData("BOX 12 34", "BOX")]
    [InlineData("A ½ B ² C", "A B C")]                  // numeric symbols are digits too
    [InlineData("A  B", "A  B")]
    public void Removes_digits_and_other_non_letters(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("")]
    [InlineData("3708263")]
    [InlineData("12 34 56")]
    [InlineData("1.5 / 2,0")]
    public void Only_numbers_leave_nothing(string text) => Assert.Equal("", _step.Apply(text));

    [Fact]
    public void Letters_only_text_is_returned_unchanged()
    {
        const string text = "CLUTCH DISC KD BAIK BARU";
        Assert.Same(text, _step.Apply(text));
    }

    [Fact]
    public void Keeps_non_ascii_letters_when_the_accent_step_is_off() =>
        Assert.Equal("CAFÉ", _step.Apply("CAFÉ 2"));

    [Fact]
    public void Very_long_number_disappears() =>
        Assert.Equal("A B", _step.Apply("A " + new string('7', 100_000) + " B"));

    [Fact]
    public void Null_is_rejected() => Assert.Throws<ArgumentNullException>(() => _step.Apply(null!));
}
