namespace HsActors.Learning;

/// <summary>Validation and counting of class labels shared by every trainer.</summary>
internal static class TrainingLabels
{
    /// <summary>Checks that there is one label in [0, classCount) per row and returns the row count of each class.</summary>
    public static int[] CountPerClass(int[] labels, int rowCount, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (labels.Length != rowCount)
        {
            throw new ArgumentException($"There are {rowCount} rows but {labels.Length} labels.", nameof(labels));
        }
        var counts = new int[classCount];
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if ((uint)label >= (uint)classCount)
            {
                throw new ArgumentException($"Label {label} of row {i} is outside [0, {classCount}).", nameof(labels));
            }
            counts[label]++;
        }
        return counts;
    }
}
