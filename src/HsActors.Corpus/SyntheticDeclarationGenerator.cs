using System.Text;
using HsActors.Nomenclature;

namespace HsActors.Corpus;

/// <summary>
/// Made-up declaration lines in the style of Indonesian import declarations ("BRASS BUSS KD BAIK BARU 12 PCS K-8195"),
/// for scale and speed tests only: the words come from the nomenclature labels of the code they are labelled with,
/// so a model trained on them learns nothing a real corpus would not teach better.
/// Deterministic per seed: every call to <see cref="Generate"/> replays the same sequence.
/// </summary>
public sealed class SyntheticDeclarationGenerator
{
    private static readonly string[] ConditionTags =
        ["KD BAIK BARU", "BAIK & BARU", "KD: BAIK / BARU", "KONDISI BAIK DAN BARU", "BARU", "NEW", "BRAND NEW", "BAIK BARU"];
    private static readonly string[] Units = ["PCS", "SET", "UNIT", "KG", "ROLL", "PACK", "LBR", "BOX"];
    private static readonly string[] Origins = ["CN", "JP", "KR", "US", "DE", "SG", "MY", "TH", "VN", "IN", "TW", "IT"];
    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "of", "the", "for", "with", "other", "than", "not", "including", "whether", "thereof", "their",
        "such", "from", "into", "but", "its", "which", "heading", "subheading", "chapter", "nec", "nes",
        "dan", "atau", "dari", "yang", "untuk", "dengan", "lain", "lainnya", "selain", "tidak", "termasuk", "pos",
        "subpos", "bab", "dalam", "pada", "tersebut", "atas", "lebih", "melebihi", "tetapi",
    };
    private static readonly DateOnly FirstDate = new(2021, 1, 1);
    private const int DateSpanDays = 4 * 365;

    private readonly HsNomenclature nomenclature;
    private readonly int seed;
    private readonly NomenclatureEntry[] lines;

    public SyntheticDeclarationGenerator(HsNomenclature nomenclature, int seed)
    {
        ArgumentNullException.ThrowIfNull(nomenclature);
        lines = [.. nomenclature.AtLevel(8)];
        if (lines.Length == 0)
        {
            throw new ArgumentException("The nomenclature has no 8-digit lines to label synthetic declarations with.", nameof(nomenclature));
        }
        this.nomenclature = nomenclature;
        this.seed = seed;
    }

    public IEnumerable<LabeledDescription> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return GenerateRows(count);
    }

    private IEnumerable<LabeledDescription> GenerateRows(int count)
    {
        var random = new Random(seed);
        // Real declaration mixes are skewed: a random order of codes, drawn with a bias toward its front.
        var byPopularity = (NomenclatureEntry[])lines.Clone();
        random.Shuffle(byPopularity);
        var words = new Dictionary<HsCode, (string[] Own, string[] Context)>();
        var line = new StringBuilder(96);
        for (var i = 0; i < count; i++)
        {
            var u = random.NextDouble();
            var entry = byPopularity[(int)(u * u * byPopularity.Length)];
            if (!words.TryGetValue(entry.Code, out var vocabulary))
            {
                words[entry.Code] = vocabulary = Vocabulary(entry);
            }
            line.Clear();
            AppendWords(line, random, vocabulary);
            if (random.NextDouble() < 0.4)
            {
                line.Append(' ').Append(ModelNumber(random));
            }
            if (random.NextDouble() < 0.5)
            {
                line.Append(' ').Append(ConditionTags[random.Next(ConditionTags.Length)]);
            }
            if (random.NextDouble() < 0.3)
            {
                line.Append(' ').Append(random.Next(1, 500)).Append(' ').Append(Units[random.Next(Units.Length)]);
            }
            yield return new LabeledDescription(line.ToString(), entry.Code, DescriptionSources.Synthetic)
            {
                ImporterId = $"IMP{random.Next(500):D4}",
                AgentId = $"PPJK{random.Next(50):D3}",
                OriginCountry = Origins[random.Next(Origins.Length)],
                DeclaredOn = FirstDate.AddDays(random.Next(DateSpanDays)),
                AssessedByOfficer = random.NextDouble() < 0.05,
            };
        }
    }

    private static void AppendWords(StringBuilder line, Random random, (string[] Own, string[] Context) vocabulary)
    {
        var ownCount = vocabulary.Own.Length == 0 ? 0 : random.Next(1, Math.Min(3, vocabulary.Own.Length) + 1);
        var contextCount = vocabulary.Context.Length == 0 ? 0 : random.Next(ownCount == 0 ? 1 : 0, Math.Min(2, vocabulary.Context.Length) + 1);
        for (var w = 0; w < ownCount + contextCount; w++)
        {
            var pool = w < ownCount ? vocabulary.Own : vocabulary.Context;
            var word = pool[random.Next(pool.Length)];
            if (line.Length > 0)
            {
                line.Append(' ');
            }
            if (random.NextDouble() < 0.06 && word.Length > 3)
            {
                AppendTypo(line, random, word);
            }
            else
            {
                line.Append(word);
            }
        }
    }

    /// <summary>One keying slip: two letters swapped, one dropped, or one doubled.</summary>
    private static void AppendTypo(StringBuilder line, Random random, string word)
    {
        var at = random.Next(1, word.Length - 1);
        switch (random.Next(3))
        {
            case 0:
                line.Append(word, 0, at).Append(word[at + 1]).Append(word[at]).Append(word, at + 2, word.Length - at - 2);
                break;
            case 1:
                line.Append(word, 0, at).Append(word, at + 1, word.Length - at - 1);
                break;
            default:
                line.Append(word, 0, at + 1).Append(word, at, word.Length - at);
                break;
        }
    }

    private static string ModelNumber(Random random) => random.Next(3) switch
    {
        0 => $"{(char)('A' + random.Next(26))}-{random.Next(1000, 10000)}",
        1 => $"{random.Next(1, 10)}X{random.Next(10, 60)}",
        _ => $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{random.Next(10, 1000)}",
    };

    /// <summary>Words of the line's own text and its subheading (EN + ID), and of its heading for context.</summary>
    private (string[] Own, string[] Context) Vocabulary(NomenclatureEntry entry)
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        AddWords(own, entry);
        if (nomenclature.TryGet(entry.Code.Truncate(6), out var subheading))
        {
            AddWords(own, subheading);
        }
        var context = new HashSet<string>(StringComparer.Ordinal);
        if (nomenclature.TryGet(entry.Code.Truncate(4), out var heading))
        {
            AddWords(context, heading);
        }
        context.ExceptWith(own);
        return ([.. own.Order(StringComparer.Ordinal)], [.. context.Order(StringComparer.Ordinal)]);
    }

    private static void AddWords(HashSet<string> words, NomenclatureEntry entry)
    {
        AddWords(words, entry.DescriptionEn);
        if (entry.DescriptionId is not null)
        {
            AddWords(words, entry.DescriptionId);
        }
    }

    private static void AddWords(HashSet<string> words, string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                var word = text[start..i];
                if (word.Length >= 3 && !FunctionWords.Contains(word))
                {
                    words.Add(word.ToUpperInvariant());
                }
                start = -1;
            }
        }
    }
}
