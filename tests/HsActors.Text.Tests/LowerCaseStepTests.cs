using HsActors.Text.Steps;

namespace HsActors.Text.Tests;

public sealed class LowerCaseStepTests
{
    private readonly LowerCaseStep _step = new();

    [Theory]
    [InlineData("CLUTCH DISCS KD BAIK BARU", "clutch discs kd baik baru")]
    [InlineData("MiXeD", "mixed")]
    [InlineData("ÉTÉ", "été")]
    [InlineData("", "")]
    public void Lower_cases(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Fact]
    public void Lower_case_text_is_returned_unchanged()
    {
        const string text = "already lower";
        Assert.Same(text, _step.Apply(text));
    }

    [Fact]
    public void Null_is_rejected() => Assert.Throws<ArgumentNullException>(() => _step.Apply(null!));
}
