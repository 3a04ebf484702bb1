namespace HsActors.Classification.Importers;

/// <summary>
/// What the history re-ranking reads of one importer: how often it declared each code and chapter. The silo answers it
/// from the importer grain's statistics, the evaluation from the declarations replayed so far.
/// </summary>
public interface IImporterCodeHistory
{
    /// <summary>Declarations that carried a valid code.</summary>
    long CodedDeclarations { get; }

    /// <summary>Declarations of exactly this code (its digits).</summary>
    long CodeCount(string digits);

    /// <summary>Declarations of any code that starts with <paramref name="prefix"/>.</summary>
    long CodesWithin(string prefix);

    /// <summary>Declarations in this chapter (two digits).</summary>
    long ChapterCount(string chapter);
}
