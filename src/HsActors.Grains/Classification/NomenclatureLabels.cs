using System.Collections.Concurrent;
using HsActors.Nomenclature;

namespace HsActors.Grains.Classification;

/// <summary>
/// Bilingual labels of recommended codes and chapter titles, joined once per code: building a label walks the code's
/// ancestors, which every batch line would otherwise repeat.
/// </summary>
public sealed class NomenclatureLabels(HsNomenclature nomenclature)
{
    private readonly ConcurrentDictionary<HsCode, (string En, string? Id)> _labels = new();
    private readonly Func<HsCode, (string, string?)> _build = code => Build(nomenclature, code);

    public HsNomenclature Nomenclature { get; } = nomenclature;

    /// <summary>The English and (when the tariff book has one) Indonesian label of the code.</summary>
    public (string En, string? Id) Of(HsCode code) => _labels.GetOrAdd(code, _build);

    private static (string, string?) Build(HsNomenclature nomenclature, HsCode code)
    {
        if (!nomenclature.TryGet(code, out var entry))
        {
            return ($"{code} (not in the bundled nomenclature)", null);
        }
        return (nomenclature.ReadableLabelEn(code), entry.DescriptionId is null ? null : nomenclature.ReadableLabelId(code));
    }
}
