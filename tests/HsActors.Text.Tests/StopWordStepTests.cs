using HsActors.Text.Steps;

namespace HsActors.Text.Tests;

public sealed class StopWordStepTests
{
    private readonly StopWordStep _step = new();

    [Theory]
    [InlineData("motorcycle part for gift shoe", "motorcycle part gift shoe")] // paper, Figure 2
    [InlineData("plastic ornament to baik baru", "plastic ornament baik baru")] // paper, Figure 2
    public void Matches_the_paper(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("sepatu olahraga untuk anak", "sepatu olahraga anak")]
    [InlineData("tas yang terbuat dari kulit dan kain", "tas terbuat kulit kain")]
    [InlineData("bag with outer surface of pu polyester", "bag outer surface pu polyester")]
    [InlineData("the parts of the engine and the case", "parts engine case")]
    [InlineData("THE PARTS OF THE ENGINE", "PARTS ENGINE")]   // case-insensitive, case kept
    public void Removes_function_words(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Theory]
    [InlineData("part set new baik baru")]
    [InlineData("ban dalam")]               // inner tube: "dalam" names the part
    [InlineData("non alcoholic without sugar")]
    [InlineData("tanpa gula tidak dirakit")]
    [InlineData("other parts lain")]
    [InlineData("tin can")]
    [InlineData("per keong per daun")]  // Indonesian for coil and leaf springs
    public void Keeps_content_words(string text) => Assert.Same(text, _step.Apply(text));

    [Theory]
    [InlineData("", "")]
    [InlineData("the of and", "")]
    [InlineData("  a   tin  ", "tin")]
    public void Handles_edge_cases(string before, string after) => Assert.Equal(after, _step.Apply(before));

    [Fact]
    public void Very_long_input_keeps_only_content()
    {
        var result = _step.Apply(string.Join(' ', Enumerable.Repeat("the bag of", 30_000)));
        Assert.Equal(string.Join(' ', Enumerable.Repeat("bag", 30_000)), result);
    }

    [Fact]
    public void Null_is_rejected() => Assert.Throws<ArgumentNullException>(() => _step.Apply(null!));
}
