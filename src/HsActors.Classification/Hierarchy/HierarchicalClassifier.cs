using System.Runtime.InteropServices;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>
/// Description → router → the chapter models of its most probable chapters → one ranking of unique codes.
/// Stateless apart from the models it reads, so one instance serves any number of concurrent callers.
/// </summary>
public sealed class HierarchicalClassifier(RouterModel router, IChapterModelSource chapters, HierarchyOptions options)
{
    public RouterModel Router { get; } = router;

    public IChapterModelSource Chapters { get; } = chapters;

    public HierarchyOptions Options { get; } = options;

    /// <summary>Rankings of national lines (8 digits; a subheading without lines stands for itself).</summary>
    public const int NationalLevel = 8;

    /// <summary>Rankings of subheadings (6 digits), each at its probability, the sum of its lines'.</summary>
    public const int SubheadingLevel = 6;

    public ClassificationResult Classify(string description, int top, int level = NationalLevel)
    {
        var cleaned = Router.Featurizer.Clean(description);
        var features = Router.Featurizer.Featurize(cleaned);
        return new ClassificationResult(cleaned, Rank(features, top, out var chapterRanking, level), chapterRanking);
    }

    /// <param name="boost">
    /// Re-orders candidates by probability × factor (e.g. the importer's history) before the top codes and alternatives
    /// are chosen; the probabilities reported stay the model's.
    /// </param>
    public IReadOnlyList<CodeRecommendation> Rank(in SparseVector features, int top, out IReadOnlyList<ChapterProbability> chapterRanking,
        int level = NationalLevel, IRankingBoost? boost = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (level is not (NationalLevel or SubheadingLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Rankings are of {SubheadingLevel}- or {NationalLevel}-digit codes.");
        }
        var chapterCount = Router.Chapters.Count;
        Span<float> probabilities = stackalloc float[chapterCount];
        Router.ChapterProbabilities(features, probabilities);
        var consulted = Math.Min(Options.ChaptersToExpand, chapterCount);
        Span<int> topChapters = stackalloc int[consulted];
        TopIndices.Select(probabilities, topChapters);

        // Every consulted chapter's best subheadings, P(subheading | chapter), and the chapter's re-weighed probability.
        var perChapter = Math.Max(1, Options.SubheadingsToExpand);
        Span<int> candidates = stackalloc int[consulted * perChapter];
        Span<float> candidateP = stackalloc float[consulted * perChapter];
        Span<int> candidateCounts = stackalloc int[consulted];
        Span<float> chapterP = stackalloc float[consulted];
        ConsultChapters(features, probabilities, topChapters, perChapter, candidates, candidateP, candidateCounts, chapterP);
        Span<int> order = stackalloc int[consulted];
        TopIndices.Select(chapterP, order);

        // Best first, chapters by their probability, then each chapter's best subheadings by P(chapter) × P(subheading |
        // chapter). No code is more probable than its subheading or its chapter, so once the top-th best code found so
        // far beats them, their line models need not be run: the ranking is the same. The exceptions are the candidates
        // that alternatives need (MustExpand).
        var ranked = new List<CodeRecommendation>(64);
        // With a boost, ranked holds boosted values (what every choice below compares) and this the model's own.
        var modelProbabilities = boost is null ? null : new Dictionary<HsCode, float>();
        var reach = boost?.MaxFactor ?? 1f;
        Span<float> bound = stackalloc float[top];
        var bounded = 0;
        var chaptersOut = new ChapterProbability[consulted];
        var budget = AlternativeBudget(top);
        var alternatives = Math.Min(Math.Min(Options.AlternativeChapters, budget), consulted);
        var headingAlternatives = budget == 0 ? 0 : Options.AlternativeHeadings;
        var subheadingAlternatives = budget == 0 ? 0 : Options.AlternativeSubheadings;
        // The first chapter needs no more candidates than the budget beyond its best.
        var firstChapterSubheadings = Math.Min(Math.Max(headingAlternatives, subheadingAlternatives), budget + 1);
        for (var i = 0; i < consulted; i++)
        {
            var c = order[i];
            var chapter = Router.Chapters[topChapters[c]];
            var p = chapterP[c];
            chaptersOut[i] = new ChapterProbability(chapter, p);
            var isAlternative = i < alternatives;
            if (!isAlternative && bounded == top && p * reach < bound[top - 1] || Chapters.Get(chapter) is not { } model)
            {
                continue;
            }
            var best = candidates.Slice(c * perChapter, candidateCounts[c]);
            var bestP = candidateP.Slice(c * perChapter, candidateCounts[c]);
            for (var j = 0; j < best.Length && (MustExpand(i, j, alternatives, firstChapterSubheadings) || !(bounded == top && p * bestP[j] * reach < bound[top - 1])); j++)
            {
                var before = ranked.Count;
                if (level == SubheadingLevel)
                {
                    ranked.Add(new CodeRecommendation(model.Subheadings[best[j]], p * bestP[j]));
                }
                else
                {
                    model.AddLines(best[j], features, p * bestP[j], ranked);
                }
                for (var r = before; r < ranked.Count; r++)
                {
                    if (boost is not null)
                    {
                        ranked[r] = Boosted(ranked[r], boost, modelProbabilities!);
                    }
                    bounded = InsertBound(bound, bounded, ranked[r].Probability);
                }
            }
        }
        chapterRanking = chaptersOut;
        var unique = TopUnique(ranked, top);
        var chosen = alternatives == 0 && headingAlternatives == 0 && subheadingAlternatives == 0 ? unique
            : WithAlternatives(unique, ranked, chaptersOut.AsSpan(0, alternatives), headingAlternatives, subheadingAlternatives, top);
        return modelProbabilities is null ? chosen : [.. chosen.Select(c => c with { Probability = modelProbabilities[c.Code] })];
    }

    /// <summary>The candidate at its boosted value; remembers the model's probability (a code's best, as the boost is per code).</summary>
    private static CodeRecommendation Boosted(CodeRecommendation candidate, IRankingBoost boost, Dictionary<HsCode, float> modelProbabilities)
    {
        if (!modelProbabilities.TryGetValue(candidate.Code, out var known) || candidate.Probability > known)
        {
            modelProbabilities[candidate.Code] = candidate.Probability;
        }
        return candidate with { Probability = candidate.Probability * boost.Factor(candidate.Code) };
    }

    /// <summary>
    /// Scores the subheading layer of each consulted chapter and re-weighs the router's probabilities of those chapters
    /// by how well the description fits each (<see cref="HierarchyOptions.ChapterFit"/>), keeping their total. A chapter
    /// without a model keeps its factor of 1 and gets no candidates.
    /// </summary>
    private void ConsultChapters(in SparseVector features, ReadOnlySpan<float> routerProbabilities, ReadOnlySpan<int> topChapters, int perChapter,
        Span<int> candidates, Span<float> candidateP, Span<int> candidateCounts, Span<float> chapterP)
    {
        var routerMass = 0f;
        var weightedMass = 0f;
        for (var c = 0; c < topChapters.Length; c++)
        {
            var p = routerProbabilities[topChapters[c]];
            var fit = 1f;
            candidateCounts[c] = 0;
            if (Chapters.Get(Router.Chapters[topChapters[c]]) is { } model)
            {
                candidateCounts[c] = model.BestSubheadings(features, 1f, candidates.Slice(c * perChapter, perChapter),
                    candidateP.Slice(c * perChapter, perChapter), out var bestMargin);
                fit = Options.ChapterFit(bestMargin);
            }
            chapterP[c] = Options.ChapterTemperature == 1f ? p * fit : MathF.Pow(p * fit, 1f / Options.ChapterTemperature);
            routerMass += p;
            weightedMass += chapterP[c];
        }
        var scale = weightedMass > 0f ? routerMass / weightedMass : 0f;
        for (var c = 0; c < chapterP.Length; c++)
        {
            chapterP[c] *= scale;
        }
    }

    /// <summary>At most half of a list is given to alternatives, so its head is always the most probable codes.</summary>
    private static int AlternativeBudget(int top) => top / 2;

    /// <summary>
    /// Alternatives need candidates: the best subheading of every alternative chapter, and the best few of the first
    /// chapter (where the alternative subheadings and headings mostly are), are expanded even when they cannot reach the
    /// top codes.
    /// </summary>
    private static bool MustExpand(int chapterIndex, int subheadingIndex, int alternatives, int firstChapterSubheadings) =>
        chapterIndex < alternatives && subheadingIndex == 0 || chapterIndex == 0 && subheadingIndex < firstChapterSubheadings;

    /// <summary>
    /// Makes room for the best code of each alternative chapter, then of each most probable subheading and heading, that the most
    /// probable codes leave out; they take the places of the least probable codes (at most
    /// <see cref="AlternativeBudget"/> of them), and the list stays ordered by probability.
    /// </summary>
    private static CodeRecommendation[] WithAlternatives(CodeRecommendation[] unique, List<CodeRecommendation> ranked, ReadOnlySpan<ChapterProbability> chapters,
        int headings, int subheadings, int top)
    {
        var budget = AlternativeBudget(top);
        var wanted = new List<(CodeRecommendation Code, int Level)>(chapters.Length + headings + subheadings);
        foreach (var chapter in chapters)
        {
            if (BestWithin(ranked, chapter.Chapter, 2) is { } code)
            {
                wanted.Add((code, 2));
            }
        }
        wanted.AddRange(BestPerGroup(ranked, subheadings, level: 6).Select(c => (c, 6)));
        wanted.AddRange(BestPerGroup(ranked, headings, level: 4).Select(c => (c, 4)));
        var added = new List<CodeRecommendation>(budget);
        for (var kept = unique.Length; kept >= 0; kept--)
        {
            var head = unique.AsSpan(0, kept);
            added.Clear();
            foreach (var (candidate, level) in wanted)
            {
                if (added.Count < budget && !Covers(head, candidate.Code, level) && !Covers(CollectionsMarshal.AsSpan(added), candidate.Code, level))
                {
                    added.Add(candidate);
                }
            }
            if (kept + added.Count > top)
            {
                continue;
            }
            if (added.Count == 0)
            {
                // Only possible with the whole list kept: a shorter head covers less, so it leaves at least as much out.
                return unique;
            }
            added.AddRange(head);
            added.Sort((a, b) => b.Probability.CompareTo(a.Probability));
            return [.. added];
        }
        return unique;
    }

    /// <summary>Keeps <paramref name="bound"/> as the largest probabilities seen, descending; returns how many it holds.</summary>
    private static int InsertBound(Span<float> bound, int count, float probability)
    {
        if (count == bound.Length && probability <= bound[^1])
        {
            return count;
        }
        var at = Math.Min(count, bound.Length - 1);
        while (at > 0 && bound[at - 1] < probability)
        {
            bound[at] = bound[at - 1];
            at--;
        }
        bound[at] = probability;
        return Math.Min(count + 1, bound.Length);
    }

    private static CodeRecommendation? BestWithin(List<CodeRecommendation> ranked, HsCode group, int level)
    {
        CodeRecommendation? best = null;
        foreach (var candidate in ranked)
        {
            if (SamePrefix(candidate.Code, group, level) && (best is null || candidate.Probability > best.Value.Probability))
            {
                best = candidate;
            }
        }
        return best;
    }

    private static bool Covers(ReadOnlySpan<CodeRecommendation> codes, HsCode code, int level)
    {
        foreach (var c in codes)
        {
            if (SamePrefix(c.Code, code, level))
            {
                return true;
            }
        }
        return false;
    }

    private static bool SamePrefix(HsCode a, HsCode b, int level) => a.Digits.AsSpan(0, level).SequenceEqual(b.Digits.AsSpan(0, level));

    /// <summary>
    /// The paper's post-processing: each code once, best first. A bounded insertion keeps only the best
    /// <paramref name="top"/> instead of sorting every candidate of every expanded chapter.
    /// </summary>
    private static CodeRecommendation[] TopUnique(List<CodeRecommendation> ranked, int top) => [.. BestPerGroup(ranked, top, level: 0)];

    /// <summary>
    /// The best candidate of each of the <paramref name="count"/> groups whose best candidates are most probable, best
    /// first; a group is a whole code (<paramref name="level"/> 0) or a prefix of <paramref name="level"/> digits.
    /// </summary>
    private static List<CodeRecommendation> BestPerGroup(List<CodeRecommendation> ranked, int count, int level)
    {
        var best = new List<CodeRecommendation>(Math.Max(count, 0) + 1);
        if (count <= 0)
        {
            return best;
        }
        foreach (var candidate in ranked)
        {
            if (best.Count == count && candidate.Probability <= best[^1].Probability)
            {
                continue;
            }
            var existing = IndexOfGroup(best, candidate.Code, level);
            if (existing >= 0)
            {
                if (best[existing].Probability >= candidate.Probability)
                {
                    continue;
                }
                best.RemoveAt(existing);
            }
            var at = 0;
            while (at < best.Count && best[at].Probability >= candidate.Probability)
            {
                at++;
            }
            best.Insert(at, candidate);
            if (best.Count > count)
            {
                best.RemoveAt(best.Count - 1);
            }
        }
        return best;
    }

    private static int IndexOfGroup(List<CodeRecommendation> codes, HsCode code, int level)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (level == 0 ? codes[i].Code == code : SamePrefix(codes[i].Code, code, level))
            {
                return i;
            }
        }
        return -1;
    }
}
