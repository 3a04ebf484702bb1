using System.Globalization;
using CsCheck;
using HsActors.Fuzzing;

namespace HsActors.Text.Tests;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("\u001b[31mred\u001b[0m", "\\u001B[31mred\\u001B[0m")]
    [InlineData("invoice\u202Egpj.exe", "invoice\\u202Egpj.exe")]
    [InlineData("a\r\nFAKE LOG LINE", "a\\u000D\\u000AFAKE LOG LINE")]
    [InlineData("zero\u200Bwidth\u2028line", "zero\\u200Bwidth\\u2028line")]
    [InlineData("typed \\u001B escape", "typed \\\\u001B escape")]
    [InlineData("kopi bubuk ☕ İthalatçı 😀", "kopi bubuk ☕ İthalatçı 😀")]
    public void Control_and_format_characters_become_visible_escapes(string text, string logged)
    {
        Assert.Equal(logged, LogText.Escape(text));
    }

    [Fact]
    public void A_lone_surrogate_is_escaped_and_a_pair_kept()
    {
        Assert.Equal("a\\uD800b😀", LogText.Escape("a" + (char)0xD800 + "b😀"));
    }

    [Fact]
    public void Long_text_is_cut_and_says_how_much_is_left_out()
    {
        var logged = LogText.Escape(new string('x', 10_000), maxLength: 100);

        Assert.StartsWith(new string('x', 100) + "… (9,900 more characters)", logged, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_hidden_survives_whatever_the_text()
    {
        foreach (var (_, text) in SeededSamples.Of(Gen.String[Gen.Char, 0, 200], 2_000))
        {
            var logged = LogText.Escape(text);
            for (var i = 0; i < logged.Length; i++)
            {
                if (char.IsSurrogatePair(logged, i))
                {
                    i++;
                    continue;
                }
                Assert.False(char.IsControl(logged[i]) || char.GetUnicodeCategory(logged[i]) is UnicodeCategory.Format or UnicodeCategory.Surrogate
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator, $"U+{(int)logged[i]:X4} left in '{logged}'");
            }
        }
    }
}
