using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>
/// A factor on each candidate code's probability that changes the order of a ranking, not the probabilities it reports
/// (e.g. the importer's history). It applies before the ranking picks its alternatives, so they stay the best of their
/// chapters, subheadings and headings under the boost.
/// </summary>
public interface IRankingBoost
{
    /// <summary>No code's factor exceeds this: the ranking may skip what cannot reach its top even at this factor.</summary>
    float MaxFactor { get; }

    /// <summary>At least 1 and at most <see cref="MaxFactor"/>.</summary>
    float Factor(HsCode code);
}
