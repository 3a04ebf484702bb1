using System.Runtime.CompilerServices;
using HsActors.Classification.Hierarchy;
using HsActors.Nomenclature;

namespace HsActors.Classification.Explanations;

/// <summary>Code → class index of a chapter model, built once per model instance and dropped with it.</summary>
internal sealed class ChapterCodeIndex
{
    private static readonly ConditionalWeakTable<ChapterModel, ChapterCodeIndex> Indexes = [];

    private ChapterCodeIndex(ChapterModel chapter)
    {
        Subheadings = ToIndex(chapter.Subheadings);
    }

    public IReadOnlyDictionary<HsCode, int> Subheadings { get; }

    public static ChapterCodeIndex For(ChapterModel chapter) => Indexes.GetValue(chapter, static c => new ChapterCodeIndex(c));

    private static Dictionary<HsCode, int> ToIndex(IReadOnlyList<HsCode> codes)
    {
        var index = new Dictionary<HsCode, int>(codes.Count);
        for (var i = 0; i < codes.Count; i++)
        {
            index[codes[i]] = i;
        }
        return index;
    }
}
