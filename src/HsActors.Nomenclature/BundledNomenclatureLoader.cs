using System.Globalization;
using System.Runtime.CompilerServices;

namespace HsActors.Nomenclature;

/// <summary>
/// Merges the embedded WCO HS2022 file (chapters, headings, subheadings in English) with Indonesia's BTKI 2022
/// (headings, subheadings and 8-digit lines in English and Indonesian). The union of both is kept.
/// </summary>
internal static class BundledNomenclatureLoader
{
    private const string WcoResource = "HsActors.Nomenclature.wco-hs2022.harmonized-system.csv";
    private const string SectionsResource = "HsActors.Nomenclature.wco-hs2022.sections.csv";
    private const string BtkiResource = "HsActors.Nomenclature.btki-2022.btki-2022.csv";
    private const string TotalPseudoSection = "TOTAL";

    // BTKI has no chapter rows and the WCO has no chapters 98/99 (Indonesian national chapters).
    private static readonly Dictionary<string, (string En, string Id)> NationalChapterTitles = new()
    {
        ["98"] = ("Incompletely knocked down motor vehicles and components of ships (Indonesian national chapter)",
            "Kendaraan bermotor dalam keadaan terurai tidak lengkap dan komponen kapal (bab nasional Indonesia)"),
        ["99"] = ("Software and other digital products transmitted electronically (Indonesian national chapter)",
            "Peranti lunak dan barang digital lainnya yang ditransmisikan secara elektronik (bab nasional Indonesia)"),
    };

    private sealed record WcoLine(string Text, string Section);
    private sealed record BtkiLine(string En, string Id);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static HsNomenclature Load()
    {
        var sections = EmbeddedCsv.Read(SectionsResource, "section", "name")
            .ToDictionary(f => f[0].Trim(), f => f[1].Trim(), StringComparer.Ordinal);

        var wco = new Dictionary<string, WcoLine>(7000, StringComparer.Ordinal);
        var totalRows = 0;
        foreach (var f in EmbeddedCsv.Read(WcoResource, "section", "hscode", "description", "level"))
        {
            if (f[0] == TotalPseudoSection)
            {
                totalRows++;
                continue;
            }
            var code = ParseBundledCode(f[1], WcoResource);
            if (code.Level.ToString(CultureInfo.InvariantCulture) != f[3].Trim())
            {
                throw new InvalidDataException($"{WcoResource}: code {f[1]} is declared as level {f[3]}.");
            }
            wco.Add(code.Digits, new WcoLine(f[2].Trim(), f[0].Trim()));
        }

        var btki = new Dictionary<string, BtkiLine>(15000, StringComparer.Ordinal);
        foreach (var f in EmbeddedCsv.Read(BtkiResource, "hs_code", "description_en", "description_id", "hs_level"))
        {
            var code = ParseBundledCode(f[0], BtkiResource);
            if (code.Level.ToString(CultureInfo.InvariantCulture) != f[3].Trim())
            {
                throw new InvalidDataException($"{BtkiResource}: code {f[0]} is declared as level {f[3]}.");
            }
            btki[code.Digits] = new BtkiLine(DescriptionText.ToLabelPart(f[1]), DescriptionText.ToLabelPart(f[2]));
        }

        return Merge(sections, wco, btki, totalRows);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per process: tiering would leave it unoptimised
    private static HsNomenclature Merge(Dictionary<string, string> sections, Dictionary<string, WcoLine> wco,
        Dictionary<string, BtkiLine> btki, int totalRows)
    {
        var wcoCodes = new[] { new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal) };
        foreach (var code in wco.Keys)
        {
            wcoCodes[code.Length / 2 - 1].Add(code);
        }
        var (wco2, wco4, wco6) = (wcoCodes[0], wcoCodes[1], wcoCodes[2]);

        // A BTKI subheading or heading without a row of its own is implied by its 8-digit lines ("0205.00.00").
        var lines8 = new List<string>(btki.Count);
        var btki4 = new HashSet<string>(StringComparer.Ordinal);
        var btki6 = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in btki.Keys)
        {
            switch (code.Length)
            {
                case 4:
                    btki4.Add(code);
                    break;
                case 6:
                    btki6.Add(code);
                    break;
                default:
                    lines8.Add(code);
                    btki6.Add(code[..6]);
                    btki4.Add(code[..4]);
                    break;
            }
        }
        lines8.Sort(StringComparer.Ordinal);

        var chapters = new SortedSet<string>(wco2, StringComparer.Ordinal);
        foreach (var heading in btki4)
        {
            chapters.Add(heading[..2]);
        }
        var headings = new SortedSet<string>(wco4, StringComparer.Ordinal);
        headings.UnionWith(btki4);
        var subheadings = new SortedSet<string>(wco6, StringComparer.Ordinal);
        subheadings.UnionWith(btki6);

        var entries = new List<NomenclatureEntry>(chapters.Count + headings.Count + subheadings.Count + lines8.Count);
        var sectionOfChapter = new Dictionary<string, string>(StringComparer.Ordinal);
        var fixedTitles = 0;
        foreach (var chapter in chapters)
        {
            if (wco.TryGetValue(chapter, out var line))
            {
                if (!sections.ContainsKey(line.Section))
                {
                    throw new InvalidDataException($"{WcoResource}: chapter {chapter} names unknown section '{line.Section}'.");
                }
                sectionOfChapter[chapter] = line.Section;
                entries.Add(new NomenclatureEntry(HsCode.Parse(chapter), line.Text, null, line.Section) { Sources = NomenclatureSources.Wco });
                continue;
            }
            var (en, id) = NationalChapterTitles.TryGetValue(chapter, out var title)
                ? title
                : ($"National chapter {chapter}", $"Bab nasional {chapter}");
            sectionOfChapter[chapter] = HsNomenclature.NationalSection;
            entries.Add(new NomenclatureEntry(HsCode.Parse(chapter), en, id, HsNomenclature.NationalSection) { Sources = NomenclatureSources.Fixed });
            fixedTitles++;
        }

        foreach (var code in headings.Concat(subheadings).Concat(lines8))
        {
            var section = sectionOfChapter[code[..2]];
            var hasWco = wco.TryGetValue(code, out var wcoLine);
            // Prefer the code's own BTKI row; else the single national line that repeats it ("020500" -> "02050000").
            var btkiLine = btki.GetValueOrDefault(code) ?? btki.GetValueOrDefault(code.PadRight(8, '0'));
            var en = hasWco ? wcoLine!.Text : btkiLine?.En
                ?? throw new InvalidDataException($"Nomenclature code {code} is implied by BTKI lines but has no text in either source.");
            var inBtki = code.Length switch { 4 => btki4.Contains(code), 6 => btki6.Contains(code), _ => true };
            var sources = (hasWco ? NomenclatureSources.Wco : NomenclatureSources.None)
                | (inBtki ? NomenclatureSources.Btki : NomenclatureSources.None);
            entries.Add(new NomenclatureEntry(HsCode.Parse(code), en, btkiLine?.Id, section) { Sources = sources });
        }

        var report = new NomenclatureMergeReport(
            WcoChapters: wco2.Count,
            WcoHeadings: wco4.Count,
            WcoSubheadings: wco6.Count,
            BtkiHeadings: btki4.Count,
            BtkiSubheadings: btki6.Count,
            BtkiNationalLines: lines8.Count,
            HeadingsOnlyInWco: wco4.Count(k => !btki4.Contains(k)),
            HeadingsOnlyInBtki: btki4.Count(k => !wco4.Contains(k)),
            SubheadingsOnlyInWco: wco6.Count(k => !btki6.Contains(k)),
            SubheadingsOnlyInBtki: btki6.Count(k => !wco6.Contains(k)),
            ChaptersWithFixedTitle: fixedTitles,
            WcoTotalRowsDropped: totalRows);
        return new HsNomenclature(entries, sections, report);
    }

    private static HsCode ParseBundledCode(string text, string resource) =>
        HsCode.TryParse(text, out var code) && code.Level <= 8
            ? code
            : throw new InvalidDataException($"{resource}: '{text}' is not a 2/4/6/8-digit HS code.");
}
