using HsActors.Nomenclature;

namespace HsActors.Corpus;

/// <summary>Training rows that ship with the product: nomenclature labels and HMRC reference descriptions.</summary>
public static class BundledCorpus
{
    private static readonly Lazy<(IReadOnlyList<LabeledDescription> Rows, HmrcReferenceReport Report)> bundledHmrc =
        new(() => new HmrcReferenceLoader(HsNomenclature.Bundled).Load(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// One English row per 6-digit subheading, and an English and an Indonesian row per 8-digit national line,
    /// each the code's text joined with its parents'. These make every 8-digit code learnable without declarations.
    /// </summary>
    public static IEnumerable<LabeledDescription> NomenclatureRows(HsNomenclature n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return Rows(n);

        static IEnumerable<LabeledDescription> Rows(HsNomenclature n)
        {
            foreach (var subheading in n.AtLevel(6))
            {
                var source = subheading.Sources.HasFlag(NomenclatureSources.Wco) ? DescriptionSources.Wco : DescriptionSources.BtkiEnglish;
                yield return new LabeledDescription(n.LabelEn(subheading.Code), subheading.Code, source);
            }
            foreach (var line in n.AtLevel(8))
            {
                yield return new LabeledDescription(n.LabelEn(line.Code), line.Code, DescriptionSources.BtkiEnglish);
                yield return new LabeledDescription(n.LabelId(line.Code), line.Code, DescriptionSources.BtkiIndonesian);
            }
        }
    }

    /// <summary>HMRC reference descriptions labelled against <see cref="HsNomenclature.Bundled"/> (loaded once).</summary>
    public static IReadOnlyList<LabeledDescription> HmrcReferences() => bundledHmrc.Value.Rows;

    /// <summary>HMRC reference descriptions labelled against <paramref name="n"/>.</summary>
    public static IReadOnlyList<LabeledDescription> HmrcReferences(HsNomenclature n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return ReferenceEquals(n, HsNomenclature.Bundled) ? HmrcReferences() : new HmrcReferenceLoader(n).Load().Rows;
    }

    /// <summary>Counts of the bundled HMRC load: rows read, labelled at 6 or 4 digits, and skipped with reasons.</summary>
    public static HmrcReferenceReport HmrcReport => bundledHmrc.Value.Report;

    public static IEnumerable<LabeledDescription> All(HsNomenclature n) => NomenclatureRows(n).Concat(HmrcReferences(n));
}
