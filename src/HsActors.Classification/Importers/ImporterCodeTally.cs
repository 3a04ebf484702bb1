namespace HsActors.Classification.Importers;

/// <summary>An importer's declared codes counted in memory, as the evaluation replays declarations in date order.</summary>
public sealed class ImporterCodeTally : IImporterCodeHistory
{
    private readonly Dictionary<string, long> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _chapters = new(StringComparer.Ordinal);

    public long CodedDeclarations { get; private set; }

    public void Add(Nomenclature.HsCode code)
    {
        _codes[code.Digits] = CodeCount(code.Digits) + 1;
        _chapters[code.Chapter.Digits] = ChapterCount(code.Chapter.Digits) + 1;
        CodedDeclarations++;
    }

    public long CodeCount(string digits) => _codes.GetValueOrDefault(digits);

    public long CodesWithin(string prefix) => _codes.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);

    public long ChapterCount(string chapter) => _chapters.GetValueOrDefault(chapter);
}
