using HsActors.Text.Steps;

namespace HsActors.Text.Tests;

public sealed class CleansingPipelineTests
{
    [Theory]
    [InlineData("PVC¿APRON BAIK & BARU", "pvcapron baik baru")]
    [InlineData("HAND BAGS WOMEN K-8195¿ BAIK & BARU", "hand bag woman k baik baru")]
    [InlineData("BRASS BUSS KD: BAIK / BARU", "brass buss kd baik baru")]
    [InlineData("TELESCOPE T-EAGLE SR 2X28", "telescope t eagle sr x")]
    [InlineData("BAGS 3708263 WITH OUTER SURFACE OF PU POLYESTER", "bag outer surface pu polyester")]
    [InlineData("BRAKE LEVER KD  BAIK BARU ", "brake lever kd baik baru")]
    [InlineData("AUTOPARTS DIFF CASE SET", "autopart different case set")]
    [InlineData("CLUTCH DISCS KD BAIK BARU", "clutch disc kd baik baru")]
    [InlineData("MOTORCYCLE PARTS FOR GIFT SHOES", "motorcycle part gift shoe")]
    [InlineData("PLASTIC ORNAMENTS TO BAIK BARU", "plastic ornament baik baru")]
    public void Cleans_the_papers_examples_end_to_end(string raw, string cleaned) =>
        Assert.Equal(cleaned, CleansingPipeline.Default.Clean(raw));

    [Theory]
    [InlineData("SEPATU OLAHRAGA UNTUK ANAK", "sepatu olahraga anak")]
    [InlineData("MAINAN ANAK-ANAK BAIK & BARU", "mainan anak baik baru")]
    [InlineData("ALAT PEMBERSIH LANTAI YG DIGUNAKAN DGN LISTRIK", "alat bersih lantai guna listrik")]
    [InlineData("BRG BKS: KAOS / KEMEJA PRIA (10 PCS)", "barang bekas kaos kemeja pria piece")]
    public void Cleans_indonesian_descriptions(string raw, string cleaned) =>
        Assert.Equal(cleaned, CleansingPipeline.Default.Clean(raw));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! /// ---")]
    [InlineData("3708263 42")]
    [InlineData("¿¿ 👜 玩具")]
    [InlineData("THE OF AND YANG DAN")]
    public void Nothing_left_gives_the_empty_string(string raw) => Assert.Equal("", CleansingPipeline.Default.Clean(raw));

    [Fact]
    public void Default_output_is_lower_case_tokens_joined_by_single_spaces()
    {
        var cleaned = CleansingPipeline.Default.Clean("  Ｃａｆé-CRÈME\t\t2×28 ; BÂGS\u00A0&  BOXES  ");
        Assert.Equal("cafe creme x bag box", cleaned);
    }

    [Fact]
    public void Steps_run_in_the_papers_order()
    {
        Assert.Equal(
            ["remove_accented_chars", "remove_punctuation", "remove_irr_char", "remove_extra_whitespaces",
             "expand_contractions", "lower_case", "simple_stemming", "remove_stopwords"],
            CleansingPipeline.Default.Steps.Select(step => step.Name));
        Assert.Equal(CleansingOptions.Paper, CleansingPipeline.Default.Options);
    }

    public static TheoryData<string[], CleansingOptions, string, string> SwitchedOffSteps => new()
    {
        // skipped steps, options, raw, expected: each expectation differs from what the skipped step would produce
        { ["remove_accented_chars"], CleansingOptions.Paper with { RemoveAccentedCharacters = false }, "CAFÉ BAGS", "café bag" },
        { ["remove_punctuation", "remove_irr_char"], CleansingOptions.Paper with { RemovePunctuation = false, RemoveIrrelevantCharacters = false }, "T-EAGLE BAGS", "t-eagle bag" },
        { ["remove_irr_char"], CleansingOptions.Paper with { RemoveIrrelevantCharacters = false }, "SR 2X28 BAGS", "sr 2x28 bag" },
        { ["remove_extra_whitespaces", "simple_stemming", "remove_stopwords"], new CleansingOptions { CollapseWhitespace = false, Stem = false, RemoveStopWords = false }, " A  B ", " a  b " },
        { ["expand_contractions"], CleansingOptions.Paper with { ExpandAbbreviations = false }, "DIFF CASE", "diff case" },
        { ["lower_case", "simple_stemming"], new CleansingOptions { LowerCase = false, Stem = false }, "CLUTCH DISCS FOR CARS", "CLUTCH DISCS CARS" },
        { ["simple_stemming"], CleansingOptions.Paper with { Stem = false }, "CLUTCH DISCS PEMBERSIH", "clutch discs pembersih" },
        { ["remove_stopwords"], CleansingOptions.Paper with { RemoveStopWords = false }, "PARTS FOR GIFT", "part for gift" },
    };

    [Theory]
    [MemberData(nameof(SwitchedOffSteps))]
    public void Switching_an_option_off_skips_its_step(string[] skippedSteps, CleansingOptions options, string raw, string expected)
    {
        var pipeline = new CleansingPipeline(options);
        Assert.Equal(
            CleansingPipeline.Default.Steps.Select(step => step.Name).Except(skippedSteps),
            pipeline.Steps.Select(step => step.Name));
        Assert.Equal(expected, pipeline.Clean(raw));
        Assert.NotEqual(expected, CleansingPipeline.Default.Clean(raw)); // the skipped step would have changed this input
    }

    [Fact]
    public void All_options_off_returns_the_input()
    {
        var pipeline = new CleansingPipeline(new CleansingOptions
        {
            RemoveAccentedCharacters = false, RemovePunctuation = false, RemoveIrrelevantCharacters = false,
            CollapseWhitespace = false, ExpandAbbreviations = false, LowerCase = false, Stem = false, RemoveStopWords = false,
        });
        Assert.Empty(pipeline.Steps);
        const string raw = " PVC¿APRON  BAIK & BARU ";
        Assert.Same(raw, pipeline.Clean(raw));
    }

    [Fact]
    public void Parallel_cleaning_matches_sequential_cleaning()
    {
        var inputs = Enumerable.Range(0, 4_000)
            .Select(i => $"{Samples[i % Samples.Length]} {i} ITEM{i % 7}S")
            .ToArray();
        var sequential = inputs.Select(CleansingPipeline.Default.Clean).ToArray();

        var parallel = new string[inputs.Length];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => parallel[i] = CleansingPipeline.Default.Clean(inputs[i]));

        Assert.Equal(sequential, parallel);
        Assert.Equal(Samples.Length, sequential.Take(Samples.Length).Distinct().Count()); // inputs really differ
    }

    [Fact]
    public void Very_long_description_is_cleaned()
    {
        var raw = string.Join(" / ", Enumerable.Repeat("BRAKE LEVERS KD: BAIK & BARU 123", 5_000));
        var cleaned = CleansingPipeline.Default.Clean(raw);
        Assert.Equal(string.Join(' ', Enumerable.Repeat("brake lever kd baik baru", 5_000)), cleaned);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => CleansingPipeline.Default.Clean(null!));
        Assert.Throws<ArgumentNullException>(() => new CleansingPipeline(null!));
    }

    [Fact]
    public void Steps_cannot_be_changed_from_outside()
    {
        var steps = CleansingPipeline.Default.Steps;
        Assert.Throws<NotSupportedException>(() => ((IList<ITextStep>)steps)[0] = new LowerCaseStep());
    }

    private static readonly string[] Samples =
    [
        "PVC¿APRON BAIK & BARU", "HAND BAGS WOMEN K-8195¿ BAIK & BARU", "BRASS BUSS KD: BAIK / BARU",
        "TELESCOPE T-EAGLE SR 2X28", "BAGS 3708263 WITH OUTER SURFACE OF PU POLYESTER", "AUTOPARTS DIFF CASE SET",
        "CLUTCH DISCS KD BAIK BARU", "SEPATU OLAHRAGA UNTUK ANAK", "MAINAN ANAK-ANAK", "ALAT PEMBERSIH LANTAI",
        "CAFÉ CRÈME MACHINES", "SPAREPART MTR ASSY",
    ];
}
