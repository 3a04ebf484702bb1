using HsActors.Classification.Training;
using HsActors.Learning;

namespace HsActors.Classification.Tests;

public sealed class HeldOutScoresTests
{
    [Fact]
    public void Temperatures_are_fitted_on_held_out_descriptions_of_goods_when_there_are_enough()
    {
        // Nomenclature labels: wide margins, always right. Goods: the same lead for class 0, right half of the time, which
        // calls for P(class 0) = 0.5: a temperature of 2 / ln 2.
        var labels = Enumerable.Range(0, 400).Select(i => new float[] { 6f, 0f, 0f }).ToList();
        var goods = Enumerable.Range(0, HeldOutScores.MinimumGoodsRows)
            .Select(i => (Scores: new float[] { 2f, 0f, 0f }, Label: i % 2)).ToList();
        var scores = new HeldOutScores();
        labels.ForEach(s => scores.Add(s, 0, describesGoods: false));
        goods.ForEach(g => scores.Add(g.Scores, g.Label, describesGoods: true));

        var goodsOnly = SoftmaxCalibration.Fit([.. goods.Select(g => g.Scores)], [.. goods.Select(g => g.Label)]).Temperature;
        Assert.Equal(goodsOnly, scores.FitTemperature(), 6);
        Assert.Equal(2 / Math.Log(2), goodsOnly, 3);

        var fewGoods = new HeldOutScores();
        labels.ForEach(s => fewGoods.Add(s, 0, describesGoods: false));
        goods.Skip(1).ToList().ForEach(g => fewGoods.Add(g.Scores, g.Label, describesGoods: true));
        var everything = SoftmaxCalibration.Fit([.. labels, .. goods.Skip(1).Select(g => g.Scores)], [.. labels.Select(_ => 0), .. goods.Skip(1).Select(g => g.Label)]).Temperature;
        Assert.Equal(everything, fewGoods.FitTemperature(), 6);
        Assert.True(goodsOnly > everything * 1.5, $"goods {goodsOnly}, all {everything}: the goods should call for a flatter softmax");
    }
}
