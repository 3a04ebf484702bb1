using HsActors.Nomenclature;
using Xunit.Abstractions;

namespace HsActors.Nomenclature.Tests;

public sealed class BundledNomenclatureTests(ITestOutputHelper output)
{
    private static readonly HsNomenclature Nomenclature = HsNomenclature.Bundled;

    private static HsCode Code(string text) => HsCode.Parse(text);

    [Fact]
    public void Wco_part_has_the_counts_stated_in_its_source_note()
    {
        // Data/wco-hs2022/SOURCE.md: 96 chapters, 1,228 headings, 5,612 subheadings once TOTAL rows are dropped.
        var report = Nomenclature.MergeReport;
        Assert.Equal(96, report.WcoChapters);
        Assert.Equal(1228, report.WcoHeadings);
        Assert.Equal(5612, report.WcoSubheadings);
        Assert.Equal(4, report.WcoTotalRowsDropped);
        Assert.Equal(5612, Nomenclature.AtLevel(6).Count(e => e.Sources.HasFlag(NomenclatureSources.Wco)));
    }

    [Fact]
    public void Btki_part_has_the_counts_stated_in_its_source_note()
    {
        // Data/btki-2022/SOURCE.md: 11,552 eight-digit codes, 5,675 six-digit subheadings, 98 chapters.
        Assert.Equal(11552, Nomenclature.AtLevel(8).Count);
        Assert.Equal(11552, Nomenclature.MergeReport.BtkiNationalLines);
        Assert.Equal(5675, Nomenclature.MergeReport.BtkiSubheadings);
        Assert.Equal(98, Nomenclature.AtLevel(2).Count);
    }

    [Fact]
    public void Merge_keeps_the_union_and_the_extra_codes_are_the_national_chapters()
    {
        var report = Nomenclature.MergeReport;
        output.WriteLine(report.ToString());
        Assert.Equal(report.WcoSubheadings + report.SubheadingsOnlyInBtki, Nomenclature.AtLevel(6).Count);
        Assert.Equal(report.BtkiSubheadings + report.SubheadingsOnlyInWco, Nomenclature.AtLevel(6).Count);
        Assert.Equal(report.WcoHeadings + report.HeadingsOnlyInBtki, Nomenclature.AtLevel(4).Count);
        Assert.Equal(report.WcoChapters + report.ChaptersWithFixedTitle, Nomenclature.AtLevel(2).Count);

        var onlyBtki = Nomenclature.AtLevel(6).Where(e => !e.Sources.HasFlag(NomenclatureSources.Wco)).ToList();
        Assert.Equal(report.SubheadingsOnlyInBtki, onlyBtki.Count);
        Assert.All(onlyBtki, e => Assert.Contains(e.Code.Chapter.Digits, new[] { "98", "99" }));
        Assert.All(onlyBtki, e => Assert.Equal(HsNomenclature.NationalSection, e.Section));
    }

    [Fact]
    public void Every_code_has_its_whole_ancestry_and_text()
    {
        foreach (var level in new[] { 4, 6, 8 })
        {
            foreach (var entry in Nomenclature.AtLevel(level))
            {
                var ancestors = Nomenclature.Ancestors(entry.Code);
                Assert.Equal(Enumerable.Range(1, level / 2 - 1).Select(i => i * 2), ancestors.Select(a => a.Code.Level));
                Assert.False(string.IsNullOrWhiteSpace(entry.DescriptionEn), $"{entry.Code} has no English text");
                Assert.DoesNotMatch("^[-–\\s]", entry.DescriptionEn);
            }
        }
        Assert.All(Nomenclature.AtLevel(8), e => Assert.False(string.IsNullOrWhiteSpace(e.DescriptionId), $"{e.Code} has no Indonesian text"));
    }

    [Fact]
    public void Total_pseudo_rows_are_gone_and_chapter_99_is_the_national_one()
    {
        Assert.False(Nomenclature.IsValid(Code("9999")));
        Assert.False(Nomenclature.IsValid(Code("999999")));
        Assert.True(Nomenclature.TryGet(Code("99"), out var chapter99));
        Assert.DoesNotContain("not specified", chapter99.DescriptionEn, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(NomenclatureSources.Fixed, chapter99.Sources);
        Assert.True(Nomenclature.IsValid(Code("99012000")));
    }

    [Fact]
    public void Motorcycle_parts_other_line_gets_a_readable_label()
    {
        // BTKI: 87.14.10.90 "- - Other" / "- - Lain-lain" under 87.14.10 "- Of motorcycles (including mopeds) :".
        var code = Code("8714.10.90");
        Assert.True(Nomenclature.TryGet(code, out var entry));
        Assert.Equal("Other", entry.DescriptionEn);
        Assert.Equal("Lain-lain", entry.DescriptionId);
        Assert.Equal("XVII", entry.Section);

        var en = Nomenclature.LabelEn(code);
        var id = Nomenclature.LabelId(code);
        output.WriteLine(en);
        output.WriteLine(id);
        Assert.StartsWith(Nomenclature.AtLevel(2).Single(e => e.Code.Digits == "87").DescriptionEn + ": ", en, StringComparison.Ordinal);
        Assert.Contains("Motorcycles (including mopeds)", en, StringComparison.Ordinal);
        Assert.EndsWith(": Other", en, StringComparison.Ordinal);
        Assert.Equal(4, en.Split(": ").Length);
        Assert.Contains("sepeda motor", id, StringComparison.Ordinal);
        Assert.EndsWith(": Lain-lain", id, StringComparison.Ordinal);
        Assert.DoesNotContain("- ", id, StringComparison.Ordinal);
        Assert.DoesNotContain(" :", en, StringComparison.Ordinal);
    }

    [Fact]
    public void Sibling_lines_get_distinct_labels_even_when_their_own_text_is_Other()
    {
        var others = Nomenclature.AtLevel(8).Where(e => e.DescriptionEn == "Other").ToList();
        output.WriteLine($"{others.Count} eight-digit lines read just 'Other'");
        Assert.NotEmpty(others);
        var labels = others.Select(e => Nomenclature.LabelEn(e.Code)).ToList();
        Assert.All(labels, l => Assert.True(l.Length > "Other".Length + 10, l));
    }

    [Fact]
    public void Repeated_parent_text_is_not_repeated_in_the_label()
    {
        // 0205.00.00 restates its heading and subheading word for word.
        var label = Nomenclature.LabelEn(Code("02050000"));
        output.WriteLine(label);
        Assert.Equal(2, label.Split(": ").Length);
        Assert.StartsWith("Meat and edible meat offal: ", label, StringComparison.Ordinal);
    }

    [Fact]
    public void Readable_labels_drop_a_subheadings_restatement_of_its_heading_and_tell_codes_apart_as_well()
    {
        // WCO 6109.10 reads "T-shirts, singlets and other vests; of cotton, knitted or crocheted" under heading 61.09.
        var label = Nomenclature.ReadableLabelEn(Code("61091010"));
        output.WriteLine(label);
        Assert.Equal(2, label.Split("T-shirts, singlets and other vests").Length);
        Assert.Contains(": of cotton, knitted or crocheted: ", label, StringComparison.Ordinal);
        Assert.Equal(3, Nomenclature.LabelEn(Code("61091010")).Split("T-shirts, singlets and other vests").Length); // the training label keeps it

        foreach (var level in new[] { 6, 8 })
        {
            var codes = Nomenclature.AtLevel(level).Select(e => e.Code).ToList();
            Assert.Equal(codes.Select(Nomenclature.LabelEn).Distinct().Count(), codes.Select(Nomenclature.ReadableLabelEn).Distinct().Count());
        }
    }

    [Fact]
    public void Ancestors_and_children_walk_the_tree()
    {
        var ancestors = Nomenclature.Ancestors(Code("87141090")).Select(e => e.Code.Digits);
        Assert.Equal(["87", "8714", "871410"], ancestors);
        Assert.Empty(Nomenclature.Ancestors(Code("87")));

        var children = Nomenclature.Children(Code("871410")).Select(e => e.Code.Digits).ToList();
        Assert.Contains("87141090", children);
        Assert.All(children, c => Assert.StartsWith("871410", c, StringComparison.Ordinal));
        Assert.All(children, c => Assert.Equal(8, c.Length));
        Assert.Equal(children.Order(StringComparer.Ordinal), children);

        Assert.Contains("8714", Nomenclature.Children(Code("87")).Select(e => e.Code.Digits));
        Assert.All(Nomenclature.Children(Code("87")), e => Assert.Equal(4, e.Code.Level));
        Assert.Empty(Nomenclature.Children(Code("87141090")));

        // Every code except chapters is somebody's child exactly once.
        var childCount = Nomenclature.AtLevel(2).Concat(Nomenclature.AtLevel(4)).Concat(Nomenclature.AtLevel(6))
            .Sum(e => Nomenclature.Children(e.Code).Count);
        Assert.Equal(Nomenclature.Count - Nomenclature.AtLevel(2).Count, childCount);
    }

    [Fact]
    public void Unknown_codes_are_invalid_and_labels_for_them_fail_clearly()
    {
        Assert.False(Nomenclature.IsValid(Code("8714109000")));
        Assert.False(Nomenclature.IsValid(Code("77")));
        Assert.False(Nomenclature.TryGet(Code("01019999"), out _));
        var error = Assert.Throws<KeyNotFoundException>(() => Nomenclature.LabelEn(Code("01019999")));
        Assert.Contains("01019999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indonesian_label_skips_parents_without_Indonesian_text()
    {
        var code = Code("01012100");
        var id = Nomenclature.LabelId(code);
        output.WriteLine(id);
        Assert.Contains("Kuda", id, StringComparison.Ordinal);
        Assert.DoesNotContain("Animals; live", id, StringComparison.Ordinal);
        // WCO chapters have no Indonesian text: their label falls back to English.
        Assert.Equal(Nomenclature.LabelEn(Code("01")), Nomenclature.LabelId(Code("01")));
    }

    [Fact]
    public void Sections_are_named()
    {
        Assert.Equal(21, Nomenclature.SectionTitles.Count);
        Assert.True(Nomenclature.TryGet(Code("01"), out var chapter1));
        Assert.Equal("I", chapter1.Section);
        Assert.Contains("animal", Nomenclature.SectionTitles["I"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Bundled_is_one_instance_across_threads()
    {
        var instances = new HsNomenclature[8];
        Parallel.For(0, instances.Length, i => instances[i] = HsNomenclature.Bundled);
        Assert.All(instances, n => Assert.Same(instances[0], n));
    }
}
