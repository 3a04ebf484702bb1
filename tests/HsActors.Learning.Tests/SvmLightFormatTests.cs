using System.Globalization;

namespace HsActors.Learning.Tests;

public sealed class SvmLightFormatTests
{
    [Fact]
    public void Write_then_Read_round_trips_every_float_bit_for_bit()
    {
        var random = new Random(5);
        var rows = new List<SparseVector>();
        var labels = new List<int>();
        float[] awkward = [float.Epsilon, 1e-7f, 1f / 3, -123456.79f, float.MaxValue, 0.1f, -0f, 16777217f];
        for (var row = 0; row < 60; row++)
        {
            var indices = Enumerable.Range(0, 5000).Where(_ => random.NextDouble() < 0.01).ToArray();
            var values = indices.Select(_ => random.NextDouble() < 0.2
                ? awkward[random.Next(awkward.Length)]
                : (float)(random.NextDouble() * Math.Pow(10, random.Next(-8, 8)))).ToArray();
            rows.Add(new SparseVector(indices, values));
            labels.Add(random.Next(-3, 40));
        }
        rows.Add(SparseVector.Empty);
        labels.Add(7);

        var text = new StringWriter();
        SvmLightFormat.Write(text, rows, labels);
        var read = SvmLightFormat.Read(new StringReader(text.ToString()));

        Assert.Equal(labels, read.Labels);
        Assert.Equal(rows.Count, read.Rows.Count);
        for (var row = 0; row < rows.Count; row++)
        {
            Assert.Equal(rows[row].Indices, read.Rows[row].Indices);
            Assert.Equal(rows[row].Values.Select(BitConverter.SingleToInt32Bits), read.Rows[row].Values.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void Lines_use_one_based_ids_and_the_invariant_culture_whatever_the_current_culture()
    {
        var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaCulture.NumberFormat.NumberDecimalSeparator = ",";
        commaCulture.NumberFormat.NegativeSign = "~";
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = commaCulture;
            var text = new StringWriter();
            SvmLightFormat.Write(text, [new SparseVector([0, 4], [0.5f, -2.25f])], [-1]);
            Assert.Equal("-1 1:0.5 5:-2.25\n", text.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Bad_rows_and_bad_lines_are_rejected_with_their_position()
    {
        Assert.Contains("ascending", Assert.Throws<ArgumentException>(() =>
            SvmLightFormat.Write(new StringWriter(), [new SparseVector([3, 3], [1, 1])], [0])).Message);
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() =>
            SvmLightFormat.Write(new StringWriter(), [new SparseVector([1], [float.NaN])], [0])).Message);
        Assert.Contains("labels", Assert.Throws<ArgumentException>(() =>
            SvmLightFormat.Write(new StringWriter(), [SparseVector.Empty], [0, 1])).Message);

        Assert.Contains("line 2", Assert.Throws<FormatException>(() => SvmLightFormat.Read(new StringReader("1 1:0.5\n2 0:1\n"))).Message);
        Assert.Contains("line 1", Assert.Throws<FormatException>(() => SvmLightFormat.Read(new StringReader("x 1:0.5\n"))).Message);
        Assert.Contains("ascending", Assert.Throws<FormatException>(() => SvmLightFormat.Read(new StringReader("1 4:1 2:1\n"))).Message);
        var commented = SvmLightFormat.Read(new StringReader("# header\n\n+1 2:3 # trailing note\n"));
        Assert.Equal([1], commented.Labels);
        Assert.Equal([1], commented.Rows[0].Indices);
    }
}
