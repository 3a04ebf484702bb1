using HsActors.Text.Steps;

namespace HsActors.Text.Tests;

public sealed class StemmingStepTests
{
    private readonly StemmingStep _step = new();

    [Theory]
    [InlineData("CLUTCH DISCS KD BAIK BARU", "clutch disc kd baik baru")]                               // paper, Figure 2
    [InlineData("BAGS WITH OUTER SURFACE OF PU POLYESTER", "bag with outer surface of pu polyester")] // paper, Figure 2
    public void Matches_the_paper(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("boxes", "box")]
    [InlineData("watches", "watch")]
    [InlineData("brushes", "brush")]
    [InlineData("glasses", "glass")]
    [InlineData("batteries", "battery")]
    [InlineData("accessories", "accessory")]
    [InlineData("movies", "movie")]
    [InlineData("ties", "tie")]
    [InlineData("valves", "valve")]
    [InlineData("knives", "knife")]
    [InlineData("shoes", "shoe")]
    [InlineData("snowshoes", "snowshoe")]
    [InlineData("tomatoes", "tomato")]
    [InlineData("sizes", "size")]
    [InlineData("cases", "case")]
    [InlineData("keys", "key")]
    [InlineData("women", "woman")]
    [InlineData("mens", "man")]                 // MEN'S after the punctuation step
    [InlineData("children", "child")]
    [InlineData("buses", "bus")]
    [InlineData("cameras", "camera")]
    public void Reduces_english_plurals(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("glass")]
    [InlineData("bus")]
    [InlineData("gas")]
    [InlineData("series")]
    [InlineData("species")]
    [InlineData("rubber")]
    [InlineData("brass")]
    [InlineData("chassis")]
    [InlineData("apparatus")]
    [InlineData("lens")]
    [InlineData("canvas")]
    [InlineData("bearing")]
    [InlineData("string")]
    [InlineData("spring")]
    [InlineData("printed")]
    [InlineData("diesel")]
    [InlineData("pedal")]
    [InlineData("bikini")]
    public void Does_not_over_stem(string word) => Assert.Equal(word, _step.Apply(word));

    [Theory]
    [InlineData("pembersih", "bersih")]
    [InlineData("digunakan", "guna")]
    [InlineData("pemanas", "panas")]
    [InlineData("pengering", "kering")]
    [InlineData("penutup", "tutup")]
    [InlineData("menyimpan", "simpan")]
    [InlineData("pemotong", "potong")]
    [InlineData("kebersihan", "bersih")]
    [InlineData("diperbaiki", "baik")]
    [InlineData("kemasan", "kemas")]
    [InlineData("saringan", "saring")]
    [InlineData("lainnya", "lain")]
    [InlineData("perekat", "rekat")]
    [InlineData("pelumas", "lumas")]
    public void Strips_indonesian_affixes(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("kertas")]      // an English rule would clip the s
    [InlineData("kapas")]
    [InlineData("beras")]
    [InlineData("kaus")]
    [InlineData("tas")]
    [InlineData("kemeja")]      // not ke- + meja
    [InlineData("kursi")]       // not kurs + -i
    [InlineData("tangan")]      // not tang + -an
    [InlineData("bantalan")]    // a bearing, not a pillow
    [InlineData("perban")]      // not per- + ban
    [InlineData("mainan")]      // a toy, kept apart from main (to play)
    [InlineData("pakaian")]     // clothing, kept apart from pakai (to use)
    [InlineData("baik")]
    [InlineData("baru")]
    public void Keeps_indonesian_roots_whole(string word) => Assert.Equal(word, _step.Apply(word));

    [Theory]
    [InlineData("mainan anak anak", "mainan anak")]
    [InlineData("buah buahan segar", "buah segar")]
    [InlineData("sayur sayuran", "sayur")]
    public void Collapses_indonesian_reduplication(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Fact]
    public void English_repetition_is_not_reduplication() =>
        Assert.Equal("box box", _step.Apply("boxes boxes"));

    [Theory]
    [InlineData("does this", "does this")]  // stop words pass through so the stop-word step recognises them
    [InlineData("untuk dengan", "untuk dengan")]
    public void Leaves_stop_words_for_the_stop_word_step(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(" BAGS\t\tSHOES ", "bag shoe")]
    [InlineData("k8195 2x28", "k8195 2x28")]     // tokens that are not plain words are only lower-cased
    public void Handles_edge_cases(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Fact]
    public void Very_long_token_is_only_lower_cased()
    {
        var token = new string('S', 5_000);
        Assert.Equal(token.ToLowerInvariant() + " bag", _step.Apply(token + " BAGS"));
    }

    [Fact]
    public void Same_word_always_gets_the_same_stem()
    {
        // Training and query text must agree: the stem of a word must not depend on its neighbours.
        var alone = _step.Apply("pembersih");
        var inContext = _step.Apply("sabun pembersih lantai").Split(' ')[1];
        Assert.Equal(alone, inContext);
    }

    [Fact]
    public void Null_is_rejected() => Assert.Throws<ArgumentNullException>(() => _step.Apply(null!));
}
