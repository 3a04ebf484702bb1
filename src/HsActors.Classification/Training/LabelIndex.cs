using HsActors.Nomenclature;

namespace HsActors.Classification.Training;

/// <summary>Codes ↔ dense class ids, ordered by code so model files and reports are stable.</summary>
public sealed class LabelIndex
{
    private readonly Dictionary<HsCode, int> _ids;

    public LabelIndex(IEnumerable<HsCode> codes)
    {
        Codes = [.. codes.Distinct().Order()];
        _ids = new Dictionary<HsCode, int>(Codes.Count);
        for (var i = 0; i < Codes.Count; i++)
        {
            _ids[Codes[i]] = i;
        }
    }

    public IReadOnlyList<HsCode> Codes { get; }

    public int Count => Codes.Count;

    public int IdOf(HsCode code) => _ids[code];

    public bool TryGetId(HsCode code, out int id) => _ids.TryGetValue(code, out id);
}
