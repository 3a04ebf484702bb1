using HsActors.Nomenclature;

namespace HsActors.Nomenclature.Tests;

public sealed class HsCodeTests
{
    [Theory]
    [InlineData("87141090", "87141090", 8)]
    [InlineData("8714.10.90", "87141090", 8)]
    [InlineData("8714 10 90", "87141090", 8)]
    [InlineData(" 01.01 ", "0101", 4)]
    [InlineData("87", "87", 2)]
    [InlineData("871410", "871410", 6)]
    [InlineData("8714.10.90.00", "8714109000", 10)]
    public void Parses_digits_with_dots_or_spaces(string text, string digits, int level)
    {
        Assert.True(HsCode.TryParse(text, out var code));
        Assert.Equal(digits, code.Digits);
        Assert.Equal(level, code.Level);
        Assert.Equal(digits, code.ToString());
        Assert.Equal(code, HsCode.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("871")]
    [InlineData("8714109")]
    [InlineData("871410900012")]
    [InlineData("8714-10-90")]
    [InlineData("87a41090")]
    [InlineData("８７１４")] // full-width digits are not ASCII digits
    public void Rejects_malformed_text(string? text)
    {
        Assert.False(HsCode.TryParse(text, out var code));
        Assert.Equal(default, code);
    }

    [Fact]
    public void Parse_names_the_bad_input()
    {
        var error = Assert.Throws<FormatException>(() => HsCode.Parse("87x4.10"));
        Assert.Contains("'87x4.10'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncates_to_ancestors_and_rejects_deeper_levels()
    {
        var code = HsCode.Parse("8714109000");
        Assert.Equal("87141090", code.Truncate(8).Digits);
        Assert.Equal("871410", code.Truncate(6).Digits);
        Assert.Equal("87", code.Chapter.Digits);
        Assert.True(code.StartsWith(HsCode.Parse("8714")));
        Assert.False(code.StartsWith(HsCode.Parse("8715")));
        Assert.Throws<ArgumentOutOfRangeException>(() => HsCode.Parse("8714").Truncate(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => code.Truncate(5));
    }

    [Fact]
    public void Orders_parents_before_children_and_siblings_by_digits()
    {
        var codes = new[] { "8715", "87141090", "87", "871410", "8714", "01" }.Select(HsCode.Parse).Order().Select(c => c.Digits);
        Assert.Equal(["01", "87", "8714", "871410", "87141090", "8715"], codes);
        Assert.True(HsCode.Parse("8714") < HsCode.Parse("871410"));
    }

    [Fact]
    public void Default_value_is_empty_not_null()
    {
        HsCode code = default;
        Assert.Equal(string.Empty, code.Digits);
        Assert.Equal(0, code.Level);
    }
}
