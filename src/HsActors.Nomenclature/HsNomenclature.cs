namespace HsActors.Nomenclature;

/// <summary>
/// The HS nomenclature as a code tree: chapters (2), headings (4), subheadings (6) and national lines (8).
/// Immutable once built, so one instance is shared by every thread.
/// </summary>
public sealed class HsNomenclature
{
    /// <summary>Section given to national chapters that belong to no WCO section (BTKI chapters 98 and 99).</summary>
    public const string NationalSection = "national";

    private const string LabelSeparator = ": ";
    private static readonly Lazy<HsNomenclature> bundled = new(BundledNomenclatureLoader.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, NomenclatureEntry> byDigits;
    private readonly Dictionary<int, NomenclatureEntry[]> byLevel;
    private readonly Dictionary<string, NomenclatureEntry[]> childrenByParent;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal HsNomenclature(IEnumerable<NomenclatureEntry> entries, IReadOnlyDictionary<string, string> sectionTitles,
        NomenclatureMergeReport mergeReport)
    {
        byDigits = new Dictionary<string, NomenclatureEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Code.Level is not (2 or 4 or 6 or 8) || !byDigits.TryAdd(entry.Code.Digits, entry))
            {
                throw new ArgumentException($"Nomenclature entry {entry.Code} is duplicated or not at level 2, 4, 6 or 8.", nameof(entries));
            }
        }
        var sorted = byDigits.Values.ToArray();
        Array.Sort(sorted, static (a, b) => a.Code.CompareTo(b.Code));
        var levels = new Dictionary<int, List<NomenclatureEntry>>();
        var children = new Dictionary<string, List<NomenclatureEntry>>(StringComparer.Ordinal);
        foreach (var entry in sorted)
        {
            if (!levels.TryGetValue(entry.Code.Level, out var atLevel))
            {
                levels[entry.Code.Level] = atLevel = [];
            }
            atLevel.Add(entry);
            if (NearestAncestor(entry.Code) is { } parent)
            {
                if (!children.TryGetValue(parent.Code.Digits, out var siblings))
                {
                    children[parent.Code.Digits] = siblings = [];
                }
                siblings.Add(entry);
            }
        }
        byLevel = levels.ToDictionary(p => p.Key, p => p.Value.ToArray());
        childrenByParent = children.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        SectionTitles = sectionTitles;
        MergeReport = mergeReport;
    }

    /// <summary>WCO HS2022 (2/4/6) merged with BTKI 2022 (4/6/8, EN + ID), parsed from embedded CSVs on first use.</summary>
    public static HsNomenclature Bundled => bundled.Value;

    /// <summary>WCO section numeral ("XVII") to its title.</summary>
    public IReadOnlyDictionary<string, string> SectionTitles { get; }

    public NomenclatureMergeReport MergeReport { get; }

    public int Count => byDigits.Count;

    public bool TryGet(HsCode code, out NomenclatureEntry entry) => byDigits.TryGetValue(code.Digits, out entry!);

    public bool IsValid(HsCode code) => byDigits.ContainsKey(code.Digits);

    /// <summary>Entries of one level in code order; empty for a level the nomenclature does not hold.</summary>
    public IReadOnlyList<NomenclatureEntry> AtLevel(int level) =>
        byLevel.TryGetValue(level, out var entries) ? entries : [];

    /// <summary>The existing entries whose codes are proper prefixes of <paramref name="code"/>, chapter first.</summary>
    public IReadOnlyList<NomenclatureEntry> Ancestors(HsCode code)
    {
        var ancestors = new List<NomenclatureEntry>(4);
        for (var level = 2; level < code.Level; level += 2)
        {
            if (byDigits.TryGetValue(code.Digits[..level], out var entry))
            {
                ancestors.Add(entry);
            }
        }
        return ancestors;
    }

    /// <summary>Entries one level down in the tree (headings of a chapter, lines of a subheading), in code order.</summary>
    public IReadOnlyList<NomenclatureEntry> Children(HsCode code) =>
        childrenByParent.TryGetValue(code.Digits, out var children) ? children : [];

    /// <summary>
    /// The English texts of the code's ancestors and its own, joined with ": " and stripped of tariff-book dashes
    /// ("- - - Other" under 8714.10 becomes "...: Of motorcycles (including mopeds): Other").
    /// </summary>
    public string LabelEn(HsCode code) => Label(code, e => e.DescriptionEn);

    /// <summary>
    /// As <see cref="LabelEn"/> with the Indonesian texts, skipping ancestors that have none (WCO chapters);
    /// the English label when the code itself has no Indonesian text.
    /// </summary>
    public string LabelId(HsCode code) =>
        Require(code).DescriptionId is null ? LabelEn(code) : Label(code, e => e.DescriptionId);

    /// <summary>
    /// <see cref="LabelEn"/> for people: a part that restates its parent's leading clause drops it ("…: T-shirts,
    /// singlets and other vests; knitted or crocheted: of cotton, knitted or crocheted: For men or boys"). The models
    /// keep training on <see cref="LabelEn"/>, so what they learned is unchanged.
    /// </summary>
    public string ReadableLabelEn(HsCode code) => Label(code, e => e.DescriptionEn, readable: true);

    /// <summary><see cref="LabelId"/> for people, as <see cref="ReadableLabelEn"/>.</summary>
    public string ReadableLabelId(HsCode code) =>
        Require(code).DescriptionId is null ? ReadableLabelEn(code) : Label(code, e => e.DescriptionId, readable: true);

    private string Label(HsCode code, Func<NomenclatureEntry, string?> text, bool readable = false)
    {
        var own = Require(code);
        var parts = new List<string>(4);
        foreach (var entry in Ancestors(code).Append(own))
        {
            if (text(entry) is not { } raw)
            {
                continue;
            }
            var part = DescriptionText.ToLabelPart(raw);
            if (readable && parts.Count > 0)
            {
                part = DescriptionText.WithoutRestatedClause(parts[^1], part);
            }
            // WCO subheadings often restate their heading; the repeat would only double-weight those words.
            if (part.Length > 0 && (parts.Count == 0 || !DescriptionText.SameWords(parts[^1], part)))
            {
                parts.Add(part);
            }
        }
        return string.Join(LabelSeparator, parts);
    }

    private NomenclatureEntry Require(HsCode code) =>
        byDigits.TryGetValue(code.Digits, out var entry)
            ? entry
            : throw new KeyNotFoundException($"HS code '{code}' is not in the nomenclature.");

    private NomenclatureEntry? NearestAncestor(HsCode code)
    {
        for (var level = code.Level - 2; level >= 2; level -= 2)
        {
            if (byDigits.TryGetValue(code.Digits[..level], out var entry))
            {
                return entry;
            }
        }
        return null;
    }
}
