using HsActors.Text.Steps;

namespace HsActors.Text.Tests;

public sealed class WhitespaceStepTests
{
    private readonly WhitespaceStep _step = new();

    [Theory]
    [InlineData("BRAKE LEVER KD  BAIK BARU ", "BRAKE LEVER KD BAIK BARU")] // paper, Figure 2 (its extra spaces do not print)
    [InlineData(" CLUTCH DISC KD BAIK   BARU", "CLUTCH DISC KD BAIK BARU")] // paper, Figure 2
    [InlineData("A\tB\r\nC", "A B C")]
    [InlineData("A\u00A0\u2003B", "A B")]
    [InlineData("   ", "")]
    [InlineData("", "")]
    [InlineData("X", "X")]
    public void Collapses_and_trims(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Fact]
    public void Collapsed_text_is_returned_unchanged()
    {
        const string text = "BRAKE LEVER KD BAIK BARU";
        Assert.Same(text, _step.Apply(text));
    }

    [Fact]
    public void Very_long_input_is_collapsed() =>
        Assert.Equal(string.Join(' ', Enumerable.Repeat("A", 10_000)), _step.Apply(string.Join("  \t ", Enumerable.Repeat("A", 10_000))));

    [Fact]
    public void Null_is_rejected() => Assert.Throws<ArgumentNullException>(() => _step.Apply(null!));
}
