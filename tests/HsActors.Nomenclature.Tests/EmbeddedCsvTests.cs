using HsActors.Nomenclature;

namespace HsActors.Nomenclature.Tests;

public sealed class EmbeddedCsvTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_newlines_and_columns_are_picked_by_name()
    {
        const string text = "code,description,level\r\n" +
            "0101,\"Horses, asses, mules and hinnies; live\",4\r\n" +
            "\r\n" +
            "8714,\"The \"\"best\"\" parts\nover two lines\",4\n" +
            "87,plain,2";
        var rows = EmbeddedCsv.Parse(text, "test.csv", "level", "description");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["4", "Horses, asses, mules and hinnies; live"], rows[0]);
        Assert.Equal(["4", "The \"best\" parts\nover two lines"], rows[1]);
        Assert.Equal(["2", "plain"], rows[2]);
    }

    [Fact]
    public void Wrong_field_count_names_the_source_and_line()
    {
        const string text = "a,b\n1,2\n\"x,\ny\",2,3\n";
        var error = Assert.Throws<InvalidDataException>(() => EmbeddedCsv.Parse(text, "broken.csv", "a"));
        Assert.Contains("broken.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_column_and_unterminated_quote_are_reported()
    {
        Assert.Contains("'c'", Assert.Throws<InvalidDataException>(() => EmbeddedCsv.Parse("a,b\n1,2\n", "x.csv", "c")).Message, StringComparison.Ordinal);
        Assert.Contains("unterminated", Assert.Throws<InvalidDataException>(() => EmbeddedCsv.Parse("a,b\n\"1,2\n", "x.csv", "a")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bundled_resource_is_present()
    {
        var names = typeof(HsNomenclature).Assembly.GetManifestResourceNames();
        Assert.Contains("HsActors.Nomenclature.wco-hs2022.harmonized-system.csv", names);
        Assert.Contains("HsActors.Nomenclature.btki-2022.btki-2022.csv", names);
        Assert.Contains("HsActors.Nomenclature.btki-2022.SOURCE.md", names);
        Assert.DoesNotContain(names, n => n.Contains('/', StringComparison.Ordinal) || n.Contains('\\', StringComparison.Ordinal));
    }
}
