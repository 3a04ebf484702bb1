using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

public readonly record struct ChapterProbability(HsCode Chapter, float Probability);
