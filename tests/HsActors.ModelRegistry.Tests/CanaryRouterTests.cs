using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry.Tests;

public sealed class CanaryRouterTests
{
    private static readonly string[] Keys = Enumerable.Range(0, 10_000).Select(i => $"PIB-2026-{i:D6}").ToArray();

    private static ChapterPointer Pointer(int percent) =>
        new() { Chapter = "84", ActiveVersion = "active", CanaryVersion = "canary", CanaryPercent = percent };

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(90)]
    public void The_canary_share_over_ten_thousand_keys_is_close_to_the_percentage(int percent)
    {
        var pointer = Pointer(percent);

        var share = Keys.Count(k => CanaryRouter.Choose(pointer, k) == "canary") / (double)Keys.Length;

        // Binomial standard deviation at p = 0.5 over 10,000 keys is 0.5 %; allow four of them.
        Assert.InRange(share, (percent / 100.0) - 0.02, (percent / 100.0) + 0.02);
    }

    [Fact]
    public void Each_key_always_gets_the_same_version_and_raising_the_share_only_adds_keys()
    {
        var ten = Pointer(10);
        var twenty = Pointer(20);

        var first = Keys.Select(k => CanaryRouter.Choose(ten, k)).ToArray();
        var again = Keys.Select(k => CanaryRouter.Choose(ten with { }, k)).ToArray();

        Assert.Equal(first, again);
        Assert.All(Keys.Where(k => CanaryRouter.IsCanary(ten, k)), k => Assert.True(CanaryRouter.IsCanary(twenty, k)));
    }

    [Fact]
    public void Without_canary_or_active_version_the_choice_is_the_active_version()
    {
        Assert.Equal("active", CanaryRouter.Choose(Pointer(0), "k"));
        Assert.All(Keys.Take(100), k => Assert.Equal("active", CanaryRouter.Choose(Pointer(100) with { CanaryVersion = null }, k)));
        Assert.Null(CanaryRouter.Choose(new ChapterPointer { Chapter = "84" }, "k"));
        Assert.Equal("canary", CanaryRouter.Choose(Pointer(100), "k"));
    }
}
