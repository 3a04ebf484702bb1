using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>Where chapter models come from: memory after training, a model directory, or (in the silo) a blob store.</summary>
public interface IChapterModelSource
{
    /// <summary>The chapter's model, or null when the chapter has none (no training rows).</summary>
    ChapterModel? Get(HsCode chapter);
}
