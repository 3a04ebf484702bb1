using System.Text.RegularExpressions;
using HsActors.Corpus;
using HsActors.Nomenclature;
using Xunit.Abstractions;

namespace HsActors.Corpus.Tests;

public sealed partial class SyntheticDeclarationGeneratorTests(ITestOutputHelper output)
{
    private static readonly HsNomenclature Nomenclature = HsNomenclature.Bundled;

    [Fact]
    public void Same_seed_gives_the_same_lines_and_another_seed_does_not()
    {
        var first = new SyntheticDeclarationGenerator(Nomenclature, seed: 42).Generate(500).ToList();
        var again = new SyntheticDeclarationGenerator(Nomenclature, seed: 42).Generate(500).ToList();
        var other = new SyntheticDeclarationGenerator(Nomenclature, seed: 43).Generate(500).ToList();
        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(r => r.Description), other.Select(r => r.Description));

        // Each enumeration replays from the seed.
        var generator = new SyntheticDeclarationGenerator(Nomenclature, seed: 42);
        Assert.Equal(generator.Generate(50), generator.Generate(50));
    }

    [Fact]
    public void Lines_look_like_declarations_and_are_labelled_with_valid_national_lines()
    {
        var rows = new SyntheticDeclarationGenerator(Nomenclature, seed: 7).Generate(3000).ToList();
        foreach (var row in rows.Take(15))
        {
            output.WriteLine($"{row.Code}  {row.Description}");
        }
        Assert.Equal(3000, rows.Count);
        Assert.All(rows, r => Assert.Equal(8, r.Code.Level));
        Assert.All(rows, r => Assert.True(Nomenclature.IsValid(r.Code)));
        Assert.All(rows, r => Assert.Equal(DescriptionSources.Synthetic, r.Source));
        Assert.All(rows, r => Assert.Equal(r.Description.ToUpperInvariant(), r.Description));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Description)));
        Assert.All(rows, r => Assert.NotNull(r.DeclaredOn));

        Assert.Contains(rows, r => ConditionTag().IsMatch(r.Description));
        Assert.Contains(rows, r => ModelNumber().IsMatch(r.Description));
        Assert.Contains(rows, r => Quantity().IsMatch(r.Description));
        Assert.True(rows.Select(r => r.Code).Distinct().Count() > 500, "codes should spread over the nomenclature");
        // Skewed like real mixes: some codes recur.
        Assert.True(rows.GroupBy(r => r.Code).Max(g => g.Count()) > 1);
    }

    [Fact]
    public void Words_come_from_the_labels_of_the_code_and_mix_both_languages()
    {
        var rows = new SyntheticDeclarationGenerator(Nomenclature, seed: 11).Generate(1000).ToList();
        var fromLabels = 0;
        var indonesian = 0;
        foreach (var row in rows)
        {
            var labels = (Nomenclature.LabelEn(row.Code) + " " + Nomenclature.LabelId(row.Code)).ToUpperInvariant();
            var firstWord = row.Description.Split(' ')[0];
            fromLabels += labels.Contains(firstWord, StringComparison.Ordinal) ? 1 : 0;
            var idLabel = Nomenclature.LabelId(row.Code).ToUpperInvariant();
            var enLabel = Nomenclature.LabelEn(row.Code).ToUpperInvariant();
            indonesian += row.Description.Split(' ').Any(w => w.Length > 3 && idLabel.Contains(w, StringComparison.Ordinal) && !enLabel.Contains(w, StringComparison.Ordinal)) ? 1 : 0;
        }
        output.WriteLine($"{fromLabels} of {rows.Count} lines start with a word of their code's labels; {indonesian} carry an Indonesian-only word");
        // Typos and heading words (not in the line's own label) account for the rest.
        Assert.True(fromLabels > rows.Count * 8 / 10, $"{fromLabels} of {rows.Count}");
        Assert.True(indonesian > rows.Count / 5, $"{indonesian} of {rows.Count}");
    }

    [Fact]
    public void Generation_is_streamed_and_arguments_are_checked()
    {
        var generator = new SyntheticDeclarationGenerator(Nomenclature, seed: 1);
        Assert.Equal(5, generator.Generate(int.MaxValue).Take(5).Count());
        Assert.Empty(generator.Generate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(-1));
        Assert.Throws<ArgumentNullException>(() => new SyntheticDeclarationGenerator(null!, 1));
    }

    [GeneratedRegex(@"\b(KD BAIK BARU|BAIK & BARU|BARU|NEW)\b")]
    private static partial Regex ConditionTag();

    [GeneratedRegex(@"\b([A-Z]-\d{4}|\dX\d{2}|[A-Z]{2}\d{2,3})\b")]
    private static partial Regex ModelNumber();

    [GeneratedRegex(@"\b\d+ (PCS|SET|UNIT|KG|ROLL|PACK|LBR|BOX)\b")]
    private static partial Regex Quantity();
}
