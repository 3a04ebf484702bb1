using HsActors.Classification.Maps;
using HsActors.Learning;

namespace HsActors.Classification.Tests;

public sealed class WeightSpaceMapTests
{
    // Four classes over three features: 0 and 1 use nearly the same features, 2 others, 3 the opposite of 0.
    private static readonly float[][] ClassWeights =
    [
        [1.0f, 0.9f, 0.0f],
        [0.9f, 1.0f, 0.1f],
        [0.0f, 0.1f, 1.0f],
        [-1.0f, -0.9f, 0.0f],
    ];

    [Fact]
    public void Classes_the_model_scores_alike_are_placed_together_and_opposite_ones_far_apart()
    {
        var points = WeightSpaceMap.Project(Model(ClassWeights));

        Assert.Equal(4, points.Length);
        Assert.True(Distance(points[0], points[1]) < 0.5 * Distance(points[0], points[2]));
        Assert.True(Distance(points[0], points[3]) > Distance(points[0], points[2]));
        Assert.All(points, p => Assert.All(p, axis => Assert.InRange(axis, -1.0, 1.0)));
        Assert.Equal(1.0, points.Max(p => p.Max(Math.Abs)), 6); // scaled to fill [-1, 1]
    }

    [Fact]
    public void Grouped_classes_are_placed_as_the_sum_of_their_weights_and_the_map_is_the_same_every_time()
    {
        int[] groups = [0, 0, 1, 2];

        var first = WeightSpaceMap.Project(Model(ClassWeights), groups, 3);
        var second = WeightSpaceMap.Project(Model(ClassWeights), groups, 3);

        Assert.Equal(3, first.Length);
        Assert.Equal(first.SelectMany(p => p), second.SelectMany(p => p));
        Assert.True(Distance(first[0], first[2]) > Distance(first[0], first[1]));
    }

    [Fact]
    public void A_grouping_that_does_not_cover_every_class_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WeightSpaceMap.Project(Model(ClassWeights), [0, 1], 2));
    }

    private static LinearModel Model(float[][] classWeights)
    {
        var classes = classWeights.Length;
        var features = classWeights[0].Length;
        var featureMajor = new float[classes * features];
        for (var c = 0; c < classes; c++)
        {
            for (var f = 0; f < features; f++)
            {
                featureMajor[f * classes + c] = classWeights[c][f];
            }
        }
        return new LinearModel(classes, features, featureMajor, new float[classes]);
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
}
