using HsActors.Corpus;
using HsActors.Nomenclature;
using Xunit.Abstractions;

namespace HsActors.Corpus.Tests;

public sealed class BundledCorpusTests(ITestOutputHelper output)
{
    private static readonly HsNomenclature Nomenclature = HsNomenclature.Bundled;

    [Fact]
    public void Nomenclature_rows_cover_every_subheading_once_and_every_national_line_in_both_languages()
    {
        var rows = BundledCorpus.NomenclatureRows(Nomenclature).ToList();
        var subheadings = Nomenclature.AtLevel(6);
        var lines = Nomenclature.AtLevel(8);
        Assert.Equal(subheadings.Count + 2 * lines.Count, rows.Count);

        var bySource = rows.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(subheadings.Count(e => e.Sources.HasFlag(NomenclatureSources.Wco)), bySource[DescriptionSources.Wco].Count);
        Assert.Equal(lines.Count, bySource[DescriptionSources.BtkiIndonesian].Count);
        Assert.All(bySource[DescriptionSources.Wco], r => Assert.Equal(6, r.Code.Level));
        Assert.All(bySource[DescriptionSources.BtkiIndonesian], r => Assert.Equal(8, r.Code.Level));
        Assert.Equal(lines.Select(e => e.Code), rows.Where(r => r.Code.Level == 8).Select(r => r.Code).Distinct());
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Description)));
        Assert.All(rows, r => Assert.Equal(1f, r.Weight));
    }

    [Fact]
    public void Nomenclature_rows_carry_the_joined_labels()
    {
        var code = HsCode.Parse("87141090");
        var rows = BundledCorpus.NomenclatureRows(Nomenclature).Where(r => r.Code == code).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(Nomenclature.LabelEn(code), rows.Single(r => r.Source == DescriptionSources.BtkiEnglish).Description);
        Assert.Equal(Nomenclature.LabelId(code), rows.Single(r => r.Source == DescriptionSources.BtkiIndonesian).Description);
        Assert.EndsWith(": Lain-lain", rows.Single(r => r.Source == DescriptionSources.BtkiIndonesian).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Hmrc_references_read_both_files_and_account_for_every_row()
    {
        var report = BundledCorpus.HmrcReport;
        var rows = BundledCorpus.HmrcReferences();
        output.WriteLine(report with { Skipped = [] } + Environment.NewLine + string.Join(Environment.NewLine, report.Skipped));

        // Data/hmrc-fpo/SOURCE.md: 2,358 CSV rows and 4,006 JSON terms.
        Assert.Equal(2358, report.CsvRows);
        Assert.Equal(4006, report.JsonTerms);
        Assert.Equal(report.CsvRows + report.JsonTerms, report.Accepted + report.MalformedSkipped + report.UnknownCodeSkipped);
        Assert.Equal(report.Accepted, rows.Count);
        Assert.Equal(report.Accepted, report.LabelledAtSubheading + report.LabelledAtHeading);
        Assert.Equal(report.MalformedSkipped + report.UnknownCodeSkipped, report.Skipped.Count);
        Assert.All(rows, r => Assert.Equal(DescriptionSources.Hmrc, r.Source));
        Assert.All(rows, r => Assert.True(Nomenclature.IsValid(r.Code), $"{r.Code} for '{r.Description}' is not in the nomenclature"));
        Assert.Equal(report.LabelledAtSubheading, rows.Count(r => r.Code.Level == 6));
        Assert.Equal(report.LabelledAtHeading, rows.Count(r => r.Code.Level == 4));
    }

    [Theory]
    [InlineData("loreal faux brw tnt", "dark brun")]
    [InlineData("sanex_roll_on", "sensitive2")]
    [InlineData("the inkey list repair", "plump m")]
    public void Hmrc_rows_with_text_in_the_code_column_are_skipped_and_counted(string description, string codeColumn)
    {
        Assert.DoesNotContain(BundledCorpus.HmrcReferences(), r => r.Description == description);
        Assert.Contains(BundledCorpus.HmrcReport.Skipped, s => s.Contains($"'{codeColumn}'", StringComparison.Ordinal));
        Assert.True(BundledCorpus.HmrcReport.MalformedSkipped >= 1);
    }

    [Fact]
    public void Hmrc_codes_are_cut_to_hs6_or_fall_back_to_the_heading()
    {
        var rows = BundledCorpus.HmrcReferences();
        // search_references.json: "abalone": "0307810000"
        Assert.Contains(rows, r => r.Description == "abalone" && r.Code.Digits == "030781");
        // UK 3304.90.00 has no HS2022 subheading 3304.90 (HS2022 splits 3304.91/99): labelled with heading 3304.
        Assert.False(Nomenclature.IsValid(HsCode.Parse("330490")));
        Assert.Contains(rows, r => r.Code.Digits == "3304");
        Assert.True(BundledCorpus.HmrcReport.LabelledAtHeading > 0);
    }

    [Fact]
    public void Hmrc_repeated_descriptions_are_kept_as_they_are()
    {
        var csvRows = BundledCorpus.HmrcReferences().Take(BundledCorpus.HmrcReport.CsvRows).ToList();
        var repeated = csvRows.GroupBy(r => r.Description).Where(g => g.Count() > 1).ToList();
        output.WriteLine($"{repeated.Count} repeated descriptions, {repeated.Count(g => g.Select(r => r.Code).Distinct().Count() > 1)} with conflicting labels");
        Assert.NotEmpty(repeated);
        Assert.Contains(repeated, g => g.Select(r => r.Code).Distinct().Count() > 1);
    }

    [Fact]
    public void All_is_nomenclature_rows_then_hmrc_references()
    {
        var all = BundledCorpus.All(Nomenclature).ToList();
        Assert.Equal(BundledCorpus.NomenclatureRows(Nomenclature).Count() + BundledCorpus.HmrcReferences().Count, all.Count);
        Assert.Equal(BundledCorpus.HmrcReferences(), all.TakeLast(BundledCorpus.HmrcReferences().Count));
    }

    [Fact]
    public void License_travels_with_the_embedded_hmrc_data()
    {
        var names = typeof(BundledCorpus).Assembly.GetManifestResourceNames();
        Assert.Contains("HsActors.Corpus.hmrc-fpo.LICENSE.txt", names);
        Assert.Contains("HsActors.Corpus.hmrc-fpo.extra_references.csv", names);
        Assert.Contains("HsActors.Corpus.hmrc-fpo.search_references.json", names);
    }
}
